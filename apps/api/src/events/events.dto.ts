import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsEventTypeList } from '../audit/audit-rules';
import { RecordedEventDoc } from '../http/openapi';
import { Optional } from '../http/optional';
import { streamOf, streamPattern, streamRule } from './stream-filter';

export const positionPattern = /^(0|[1-9][0-9]{0,14})$/;

/** Which events a reader of `$all` wants; every value arrives as text. */
export class EventFilterDto {
  @ApiPropertyOptional({ description: 'Only these event types, comma-separated; each a type of the event catalogue.', example: 'ComplaintFiled,PurchaseRecorded' })
  @Optional()
  @IsEventTypeList()
  types?: string;

  @ApiPropertyOptional({ description: "Only one customer's events: its id, or its stream id (an envelope's `streamId`, `customer-<id>`).", example: 'c-yigao-hz-001' })
  @Optional()
  @Matches(streamPattern, { message: `stream ${streamRule}` })
  stream?: string;
}

/** The query of `GET /v1/events`. */
export class EventsQueryDto extends EventFilterDto {
  @ApiPropertyOptional({ description: 'First position to read (inclusive): the `next` of the page before; default 1, the first event.', pattern: positionPattern.source })
  @Optional()
  @Matches(positionPattern, { message: 'from must be a position: a whole number from 0' })
  from?: string;

  @ApiPropertyOptional({ description: 'Events per page: 1-1000, default 100.', pattern: '^([1-9][0-9]{0,2}|1000)$' })
  @Optional()
  @Matches(/^([1-9][0-9]{0,2}|1000)$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}

/** The query of `GET /v1/events/live`. */
export class LiveEventsQueryDto extends EventFilterDto {
  @ApiPropertyOptional({
    description: 'First position to send (inclusive); default the next event written. A `Last-Event-ID` header (an EventSource reconnecting) wins: the stream resumes after it.',
    pattern: positionPattern.source,
  })
  @Optional()
  @Matches(positionPattern, { message: 'from must be a position: a whole number from 0' })
  from?: string;
}

export class EventsPageDoc {
  @ApiProperty({ type: [RecordedEventDoc], description: 'In position order. Erased personal fields read null, named in `metadata.erased`.' }) events!: RecordedEventDoc[];
  @ApiProperty({
    type: 'integer',
    description: 'The `from` of the next page: past every event returned and every settled position that matched nothing; never past a position a writer still holds.',
  })
  next!: number;
}

/** The filter of the query as the application takes it. */
export function filterOf(query: EventFilterDto): { types?: string[]; streamId?: string } {
  return {
    ...(query.types === undefined ? {} : { types: [...new Set(query.types.split(','))] }),
    ...(query.stream === undefined ? {} : { streamId: streamOf(query.stream) }),
  };
}
