import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CustomerLoyalty, CustomerTier, DecileAnswer, Runtime, TierAnalysis } from '@crm/application';
import type { ValueMetric } from '@crm/projections';
import { RUNTIME } from '../database/database.module';

export class CustomerTierQuery {
  constructor(
    readonly customerId: string,
    readonly asOf: string,
  ) {}
}

@QueryHandler(CustomerTierQuery)
export class CustomerTierHandler implements IQueryHandler<CustomerTierQuery, CustomerTier> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ customerId, asOf }: CustomerTierQuery): Promise<CustomerTier> {
    return this.runtime.value.customerTier(customerId, asOf);
  }
}

export class TiersQuery {
  constructor(readonly asOf: string) {}
}

@QueryHandler(TiersQuery)
export class TiersHandler implements IQueryHandler<TiersQuery, TierAnalysis> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ asOf }: TiersQuery): Promise<TierAnalysis> {
    return this.runtime.value.tiers(asOf);
  }
}

export class DecilesQuery {
  constructor(
    readonly asOf: string,
    readonly from: string | undefined,
    readonly by: ValueMetric,
  ) {}
}

@QueryHandler(DecilesQuery)
export class DecilesHandler implements IQueryHandler<DecilesQuery, DecileAnswer> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ asOf, from, by }: DecilesQuery): Promise<DecileAnswer> {
    return this.runtime.value.deciles(asOf, from, by);
  }
}

export class CustomerLoyaltyQuery {
  constructor(
    readonly customerId: string,
    readonly asOf: string,
  ) {}
}

@QueryHandler(CustomerLoyaltyQuery)
export class CustomerLoyaltyHandler implements IQueryHandler<CustomerLoyaltyQuery, CustomerLoyalty> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute({ customerId, asOf }: CustomerLoyaltyQuery): Promise<CustomerLoyalty> {
    return this.runtime.loyalty.customer(customerId, asOf);
  }
}
