import type { ErasureBasis } from './commands';

/** Carries no personal data: only the legal basis. */
export type CustomerErased = { type: 'CustomerErased'; data: { basis: ErasureBasis } };
