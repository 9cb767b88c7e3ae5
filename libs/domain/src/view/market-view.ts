import type { CompetitorContactOutcome } from '../competitor-contacts/commands';
import type { MarketEvent } from '../customer-stream';
import { isAtOrAfter } from '../shared/business-time';
import type { RegisteredCustomerView } from './customer-view';

export interface CompetitorContactsView {
  readonly count: number;
  /** The latest by business time. */
  readonly last: {
    readonly competitor: string;
    readonly outcome: CompetitorContactOutcome;
    readonly at: string;
  } | null;
}

export function evolveMarketView(view: RegisteredCustomerView, event: MarketEvent, at: string): RegisteredCustomerView {
  switch (event.type) {
    case 'ReferralMade':
      return { ...view, referralsMade: view.referralsMade + 1 };
    case 'CompetitorContactObserved': {
      const { count, last } = view.competitorContacts;
      const { competitor, outcome } = event.data;
      const latest = last === null || isAtOrAfter(at, last.at);
      return {
        ...view,
        competitorContacts: { count: count + 1, last: latest ? { competitor, outcome, at } : last },
      };
    }
    case 'ComplianceViolationRecorded':
      return { ...view, complianceViolations: view.complianceViolations + 1 };
  }
}
