import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { AsOfQueryDto } from '../http/as-of.dto';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

const tiers = ['key', 'general', 'small'] as const;
const limitPattern = /^([1-9][0-9]{0,2}|1000)$/;

export class TiersQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: tiers, description: 'Only the customers shown in this tier.' })
  @Optional()
  @IsIn(tiers)
  tier?: (typeof tiers)[number];

  @ApiPropertyOptional({ description: 'Customers per page: 1-1000, default 100.', pattern: limitPattern.source })
  @Optional()
  @Matches(limitPattern, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page.', pattern: '^[1-9][0-9]{0,8}$' })
  @Optional()
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'cursor must be the next of a previous page' })
  cursor?: string;
}

export class DecilesQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Orders placed at or after this instant; default all time.', format: 'date-time' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ enum: ['revenue', 'profit'], description: 'Order the monetary deciles by net revenue (default) or profit (when every order has a cost).' })
  @Optional()
  @IsIn(['revenue', 'profit'])
  by?: 'revenue' | 'profit';
}

class TierPolicyDoc {
  @ApiProperty({ description: 'Share of the ranked population that is key (重点客户).' }) keyShare!: number;
  @ApiProperty({ description: 'Share that is general (一般客户), after the key ones.' }) generalShare!: number;
}

export class CustomerTierDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ enum: tiers, nullable: true, description: 'Null when the customer is not in the tier population at asOf (registered later, or disqualified).' }) tier!: string | null;
  @ApiProperty({ enum: ['computed', 'override'], nullable: true }) source!: string | null;
  @ApiProperty({ enum: tiers, nullable: true, description: 'What the policy gives, whatever an override says.' }) computedTier!: string | null;
  @ApiPropertyOptional({ description: 'The override’s reason.' }) reason?: string;
  @ApiProperty({ type: 'integer', nullable: true }) rank!: number | null;
  @ApiProperty({ type: 'integer', description: 'Counted orders within 365 days, in the metric, in minor units.' }) valueMinor!: number;
  @ApiProperty({ enum: ['profit', 'revenue'] }) metric!: string;
  @ApiProperty({ type: TierPolicyDoc }) policy!: TierPolicyDoc;
}

class TierRowDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: tiers }) tier!: string;
  @ApiProperty({ enum: ['computed', 'override'] }) source!: string;
  @ApiProperty({ enum: tiers }) computedTier!: string;
  @ApiProperty({ type: 'integer' }) rank!: number;
  @ApiProperty({ type: 'integer' }) valueMinor!: number;
  @ApiPropertyOptional() reason?: string;
}

class TierCountsDoc {
  @ApiProperty({ type: 'integer' }) key!: number;
  @ApiProperty({ type: 'integer' }) general!: number;
  @ApiProperty({ type: 'integer' }) small!: number;
}

export class TiersDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ enum: ['profit', 'revenue'] }) metric!: string;
  @ApiProperty({ type: TierPolicyDoc }) policy!: TierPolicyDoc;
  @ApiProperty({ type: TierCountsDoc }) counts!: TierCountsDoc;
  @ApiProperty({ type: [TierRowDoc], description: 'In rank order.' }) customers!: TierRowDoc[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

class MonetaryDecileDoc {
  @ApiProperty({ type: 'integer' }) decile!: number;
  @ApiProperty({ type: 'integer' }) customers!: number;
  @ApiProperty({ type: 'integer' }) revenueMinor!: number;
  @ApiProperty({ type: 'integer', nullable: true }) profitMinor!: number | null;
  @ApiProperty() share!: number;
  @ApiProperty() cumulativeShare!: number;
  @ApiProperty({ type: Number, nullable: true }) profitShare!: number | null;
}

class PurchaseDecileDoc {
  @ApiProperty({ type: 'integer' }) decile!: number;
  @ApiProperty({ type: 'integer', description: 'Customers that make this tenth of revenue.' }) customers!: number;
  @ApiProperty({ type: 'integer', description: 'Top customers that make the first k tenths.' }) cumulativeCustomers!: number;
}

class DecileBenchmarksDoc {
  @ApiProperty() top10Share!: number;
  @ApiProperty() top20Share!: number;
  @ApiProperty({ description: 'The share of customers that makes the first tenth of revenue.' }) firstTenthCustomerShare!: number;
}

export class DecilesDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) from!: string | null;
  @ApiProperty({ enum: ['profit', 'revenue'] }) metric!: string;
  @ApiProperty({ type: 'integer' }) customers!: number;
  @ApiProperty({ type: 'integer' }) totalRevenueMinor!: number;
  @ApiProperty({ type: 'integer', nullable: true }) totalProfitMinor!: number | null;
  @ApiProperty({ type: [MonetaryDecileDoc] }) monetary!: MonetaryDecileDoc[];
  @ApiProperty({ type: [PurchaseDecileDoc] }) purchase!: PurchaseDecileDoc[];
  @ApiProperty({ type: DecileBenchmarksDoc }) benchmarks!: DecileBenchmarksDoc;
  @ApiProperty({ type: 'integer', description: 'Customers erased by asOf whose orders are left out.' }) excludedErased!: number;
  @ApiProperty({ type: 'integer', description: 'Orders in other currencies than the analytics currency, left out.' }) excludedOrders!: number;
}
