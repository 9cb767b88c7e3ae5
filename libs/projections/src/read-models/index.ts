import type { Projection } from '../projection';
import { relationshipHistory } from './relationship-history/definition';

/** Every read model the service keeps. */
export const readModels: readonly Projection[] = [relationshipHistory];
