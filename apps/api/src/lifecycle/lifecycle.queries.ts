import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CustomerLifecycle, Funnel, Runtime } from '@crm/application';
import type { Cohort } from '@crm/projections';
import { RUNTIME } from '../database/database.module';

export class CustomerLifecycleQuery {
  constructor(
    readonly customerId: string,
    readonly asOf: string,
  ) {}
}

@QueryHandler(CustomerLifecycleQuery)
export class CustomerLifecycleHandler implements IQueryHandler<CustomerLifecycleQuery, CustomerLifecycle> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ customerId, asOf }: CustomerLifecycleQuery): Promise<CustomerLifecycle> {
    return this.runtime.lifecycle.customer(customerId, asOf);
  }
}

export class FunnelQuery {
  constructor(readonly cohort: Cohort) {}
}

@QueryHandler(FunnelQuery)
export class FunnelHandler implements IQueryHandler<FunnelQuery, Funnel> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ cohort }: FunnelQuery): Promise<Funnel> {
    return this.runtime.lifecycle.funnel(cohort);
  }
}
