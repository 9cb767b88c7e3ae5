export const competitorContactOutcomes = ['resisted', 'partially-switched', 'switched'] as const;
export type CompetitorContactOutcome = (typeof competitorContactOutcomes)[number];

export interface CompetitorContact {
  competitor: string;
  offer?: string;
  outcome: CompetitorContactOutcome;
  /** Whom the competitor approached. */
  contactId?: string;
}

export type RecordCompetitorContact = { type: 'RecordCompetitorContact'; data: CompetitorContact };
