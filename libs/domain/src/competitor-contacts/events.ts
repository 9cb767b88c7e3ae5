import type { CompetitorContact } from './commands';

export type CompetitorContactObserved = { type: 'CompetitorContactObserved'; data: CompetitorContact };
