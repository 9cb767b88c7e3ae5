import type { EventStore, SqlQueryable } from '@crm/event-store';
import { lifecycle, readFunnel, readStageHistory, stageSince, type Cohort, type FunnelStage, type Stage } from '@crm/projections';
import type { CustomerViews } from '../customer-streams';
import { knownCustomerVersion } from './known-customer';
import { iso } from './instants';
import { awaitProjections } from './read-your-writes';

export interface CustomerLifecycle {
  customerId: string;
  asOf: string;
  /** Null when the customer was registered after `asOf`. */
  stage: Stage | null;
  since: string | null;
  history: { stage: Stage; from: string; to: string | null }[];
}

export interface Funnel {
  asOf: string;
  registeredFrom: string | null;
  registeredTo: string | null;
  customers: number;
  stages: FunnelStage[];
}

/** The lifecycle read model: one customer's stage and its history, and a cohort's funnel, as of an instant. */
export class LifecycleReads {
  constructor(
    private readonly views: CustomerViews,
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
  ) {}

  async customer(customerId: string, asOf: string): Promise<CustomerLifecycle> {
    await knownCustomerVersion(this.views, customerId);
    await this.caughtUp();
    const history = await readStageHistory(this.db, customerId, asOf);
    const since = stageSince(history);
    return {
      customerId,
      asOf,
      stage: history.at(-1)?.stage ?? null,
      since: since === null ? null : iso(since),
      history: history.map((s) => ({ stage: s.stage, from: iso(s.from), to: s.to === null ? null : iso(s.to) })),
    };
  }

  async funnel(cohort: Cohort): Promise<Funnel> {
    await this.caughtUp();
    const { customers, stages } = await readFunnel(this.db, cohort);
    return { asOf: cohort.asOf, registeredFrom: cohort.registeredFrom ?? null, registeredTo: cohort.registeredTo ?? null, customers, stages };
  }

  /** What was written before the read is in the answer, unless the projection is far behind. */
  private async caughtUp(): Promise<void> {
    await awaitProjections(this.db, this.store, lifecycle.name);
  }
}
