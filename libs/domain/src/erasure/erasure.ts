import { commandTypes } from '../shared/decider';
import { requireOneOf } from '../shared/validation';
import { type EraseCustomer, erasureBases } from './commands';
import type { CustomerErased } from './events';

/** Needs no state: the customer stream folds CustomerErased into an erased customer that takes no command. */
export const isErasureCommand = commandTypes<EraseCustomer>({ EraseCustomer: true });

export function decideErasure(command: EraseCustomer): CustomerErased[] {
  requireOneOf(erasureBases, command.data.basis, 'basis');
  return [{ type: 'CustomerErased', data: { basis: command.data.basis } }];
}
