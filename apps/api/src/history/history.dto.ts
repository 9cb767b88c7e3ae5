import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { historyCategories, type HistoryCategory } from '@crm/projections';
import { idPattern, idRule } from '../customers/customer-id';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

const typeList = /^[A-Za-z][A-Za-z0-9]{0,63}(,[A-Za-z][A-Za-z0-9]{0,63}){0,49}$/;

/** The query of `GET /v1/customers/:id/history`; every value arrives as text. */
export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'Only what happened at or before this instant (business time); default the time of the request.', format: 'date-time' })
  @Optional()
  @IsInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Only what had been recorded at or before this instant: what the system knew then.', format: 'date-time' })
  @Optional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({ description: 'Event types, comma-separated (at most 50).', example: 'ComplaintFiled,ComplaintResolved', pattern: typeList.source })
  @Optional()
  @Matches(typeList, { message: 'types must be event type names separated by commas (at most 50)' })
  types?: string;

  @ApiPropertyOptional({ enum: historyCategories })
  @Optional()
  @IsIn(historyCategories)
  category?: HistoryCategory;

  @ApiPropertyOptional({ description: 'Business time from (inclusive).', format: 'date-time' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Business time to (inclusive).', format: 'date-time' })
  @Optional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `complaintId ${idRule}` }) complaintId?: string;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `orderId ${idRule}` }) orderId?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Oldest first (default) or newest first.' })
  @Optional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'Entries per page: 1-500, default 50.', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' })
  @Optional()
  @Matches(/^([1-9][0-9]?|[1-4][0-9]{2}|500)$/, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page.', pattern: '^[A-Za-z0-9_-]{1,200}$' })
  @Optional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be the next of a previous page' })
  cursor?: string;
}

class HistorySummaryDoc {
  @ApiProperty() en!: string;
  @ApiProperty() zh!: string;
}

export class HistoryEntryDoc {
  @ApiProperty({ type: 'integer', description: 'Global position in $all.' }) position!: number;
  @ApiProperty({ type: 'integer' }) streamVersion!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: historyCategories }) category!: string;
  @ApiProperty({ format: 'date-time', description: 'Business time.' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the service stored it.' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactId!: string | null;
  @ApiProperty({ type: String, nullable: true }) complaintId!: string | null;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
  @ApiProperty({ type: HistorySummaryDoc, description: 'Erased personal data reads as [erased] / [已删除].' }) summary!: HistorySummaryDoc;
}

export class HistoryPageDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [HistoryEntryDoc] }) entries!: HistoryEntryDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last.' }) next!: string | null;
}
