import type { Projection } from '../projection';
import { auditTrail } from './audit-trail/definition';
import { careAgenda } from './care-agenda/definition';
import { commerce } from './commerce/definition';
import { complaintBoard } from './complaint-board/definition';
import { customerDirectory } from './customer-directory/definition';
import { lifecycle } from './lifecycle/definition';
import { loyaltyEvidence } from './loyalty/definition';
import { relationshipHistory } from './relationship-history/definition';

/** Every read model the service keeps. */
export const readModels: readonly Projection[] = [
  relationshipHistory,
  lifecycle,
  complaintBoard,
  commerce,
  loyaltyEvidence,
  customerDirectory,
  careAgenda,
  auditTrail,
];
