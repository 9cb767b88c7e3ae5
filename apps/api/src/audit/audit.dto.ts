import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches, NotContains } from 'class-validator';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';
import { IsAfterFrom, IsEventTypeList } from './audit-rules';

const limitPattern = /^([1-9][0-9]{0,2}|1000)$/;

/** The query of `GET /v1/audit`; every value arrives as text. */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only what this actor recorded: the name of its API key, as in `metadata.actor`. Every actor when left out.', maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  // No key's name holds one (the JSON parser refuses it), and PostgreSQL's text cannot.
  @NotContains('\u0000', { message: 'actor must not contain the NUL character (U+0000)' })
  actor?: string;

  @ApiPropertyOptional({ description: 'Only what was recorded at or after this instant (inclusive).', format: 'date-time' })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Only what was recorded before this instant (exclusive); later than `from`.', format: 'date-time' })
  @Optional()
  @IsInstant()
  @IsAfterFrom()
  to?: string;

  @ApiPropertyOptional({ description: 'Only these event types, comma-separated; each a type of the event catalogue.', example: 'ComplaintFiled,CustomerErased' })
  @Optional()
  @IsEventTypeList()
  types?: string;

  @ApiPropertyOptional({ description: 'Entries per page: 1-1000, default 100.', pattern: limitPattern.source })
  @Optional()
  @Matches(limitPattern, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page, with the same actor, from, to and types.', pattern: '^[A-Za-z0-9_-]{1,4000}$' })
  @Optional()
  @Matches(/^[A-Za-z0-9_-]{1,4000}$/, { message: 'cursor must be the next of a previous page' })
  cursor?: string;
}

class AuditEntryDoc {
  @ApiProperty({ type: 'integer', description: 'Global position in $all: the order of recording.' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: 'integer' }) streamVersion!: number;
  @ApiProperty({ example: 'PurchaseRecorded' }) type!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The name of the API key that recorded it.' }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The request’s `X-Correlation-Id` (made when the client sent none).' }) correlationId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The request’s `X-Causation-Id`, if it sent one.' }) causationId!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Business time.' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the service stored it.' }) recordedAt!: string;
}

export class AuditPageDoc {
  @ApiProperty({ type: [AuditEntryDoc], description: 'In recording order (position ascending).' }) entries!: AuditEntryDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor`, with the same filter, for the next page; null on the last.' }) next!: string | null;
}
