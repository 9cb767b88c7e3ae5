import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { customerSortKeys } from '@crm/application';
import { customerKinds, tiers, type Tier } from '@crm/domain';
import { stages, type Stage } from '@crm/projections';
import { AsOfQueryDto } from '../http/as-of.dto';
import { Optional } from '../http/optional';

export const sortPattern = new RegExp(`^-?(${customerSortKeys.join('|')})$`);
const limitPattern = /^([1-9][0-9]?|[1-4][0-9]{2}|500)$/;

/** The query of `GET /v1/customers`; every value arrives as text. */
export class CustomerListQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: stages, description: 'Only customers in this lifecycle stage at asOf.' })
  @Optional()
  @IsIn(stages)
  stage?: Stage;

  @ApiPropertyOptional({ enum: tiers, description: 'Only customers of this tier at asOf.' })
  @Optional()
  @IsIn(tiers)
  tier?: Tier;

  @ApiPropertyOptional({ description: 'Only the customers this account manager manages at asOf.', maxLength: 100 })
  @Optional()
  @IsString()
  @Length(1, 100)
  managerId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or of the id, in any case.', maxLength: 100 })
  @Optional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    description: 'The sort key, descending with a leading `-`; default customerId. Ties go by customerId; absent values come last.',
    pattern: sortPattern.source,
    example: '-netRevenueMinor',
  })
  @Optional()
  @Matches(sortPattern, { message: `sort must be one of ${customerSortKeys.join(', ')}, with a leading - for descending` })
  sort?: string;

  @ApiPropertyOptional({ description: 'Customers per page: 1-500, default 50.', pattern: limitPattern.source })
  @Optional()
  @Matches(limitPattern, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page: it continues the same asOf and sort.', pattern: '^[A-Za-z0-9_-]{1,400}$' })
  @Optional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be the next of a previous page' })
  cursor?: string;
}

class CustomerListEntryDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once erased (for an asOf before the erasure).' }) name!: string | null;
  @ApiProperty({ enum: customerKinds }) kind!: string;
  @ApiProperty({ enum: stages, nullable: true }) stage!: string | null;
  @ApiProperty({ enum: tiers, nullable: true, description: 'Null for a disqualified customer.' }) tier!: string | null;
  @ApiProperty({ type: String, nullable: true }) managerId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastInteractionAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Net revenue of every counted order by asOf, in minor units of the analytics currency.' }) netRevenueMinor!: number;
}

export class CustomerListDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [CustomerListEntryDoc] }) customers!: CustomerListEntryDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) next!: string | null;
}
