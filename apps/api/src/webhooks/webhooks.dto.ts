import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DtoType } from '../http/dto-type';
import { Optional } from '../http/optional';
import { EventFilterBodyDto } from '../events/event-filter-body.dto';
import { IsWebhookUrl } from './webhook-url';

const limitPattern = /^([1-9][0-9]{0,2}|1000)$/;
const sequencePattern = /^[1-9][0-9]{0,14}$/;

/** The body of `POST /v1/webhooks`. */
export class RegisterWebhookDto {
  @ApiProperty({ description: 'Where each event is POSTed: an absolute http or https URL, without user name or password.', format: 'uri', example: 'https://example.com/hooks/crm', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({ type: EventFilterBodyDto, description: 'Which events; every event when left out.' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @DtoType(() => EventFilterBodyDto)
  filter?: EventFilterBodyDto;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The first `$all` position to deliver (inclusive): 0 or 1 for every event ever recorded. Default: what is recorded from now on.',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from?: number;
}

/** The body of `POST /v1/webhooks/:id/dead-letters/redeliver`. */
export class RedeliverDto {
  @ApiPropertyOptional({ type: [String], description: 'Only the dead letters of these events; every dead letter when left out.' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  eventIds?: string[];
}

/** The query of `GET /v1/webhooks/:id/deliveries`. */
export class DeliveriesQueryDto {
  @ApiPropertyOptional({ description: 'Attempts per page: 1-1000, default 100.', pattern: limitPattern.source })
  @Optional()
  @Matches(limitPattern, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;

  @ApiPropertyOptional({ description: 'Only attempts logged before this one: the `next` of the page before.', pattern: sequencePattern.source })
  @Optional()
  @Matches(sequencePattern, { message: 'before must be the next of a previous page: a whole number from 1' })
  before?: string;
}

/** The query of `GET /v1/webhooks/:id/dead-letters`. */
export class DeadLettersQueryDto {
  @ApiPropertyOptional({ description: 'Dead letters per page: 1-1000, default 100.', pattern: limitPattern.source })
  @Optional()
  @Matches(limitPattern, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;

  @ApiPropertyOptional({ description: 'Only dead letters after this position: the `next` of the page before.', pattern: sequencePattern.source })
  @Optional()
  @Matches(sequencePattern, { message: 'after must be the next of a previous page: a whole number from 1' })
  after?: string;
}

export class RegisteredWebhookDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'The signing secret, `whsec_` and base64: give it to your Standard Webhooks library. In this answer only.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

class WebhookFilterDoc {
  @ApiProperty({ type: [String], nullable: true, description: 'Null: every type.' }) types!: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: 'The stream id (`customer-<id>`); null: every stream.' }) stream!: string | null;
}

export class WebhookStatusDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() filter!: WebhookFilterDoc;
  @ApiProperty({ type: 'integer', description: 'The first position it delivers (inclusive).' }) from!: number;
  @ApiProperty({ enum: ['enabled', 'disabled'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was disabled: its receiver answered 410 Gone.' }) disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'How far `$all` has been read into its pending deliveries.' }) readUpTo!: number;
  @ApiProperty({ type: 'integer', description: 'Every matching event up to this position was delivered or dead-lettered.' }) checkpoint!: number;
  @ApiProperty({ type: 'integer', description: 'Deliveries waiting: for their attempt, a retry, or the one before in their stream.' }) pending!: number;
  @ApiProperty({ type: 'integer' }) deadLetters!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookListDoc {
  @ApiProperty({ type: [WebhookStatusDoc], description: 'Oldest first; never a secret.' }) webhooks!: WebhookStatusDoc[];
}

class WebhookDeliveryDoc {
  @ApiProperty({ type: 'integer', description: "The log's sequence." }) id!: number;
  @ApiProperty({ format: 'uuid', description: 'The event, as in `webhook-id`.' }) eventId!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer', description: 'The attempt, from 1 (again from 1 after a redelivery).' }) attempt!: number;
  @ApiProperty({ enum: ['delivered', 'failed', 'dead-lettered', 'gone'], description: '`failed`: tried again at `nextAttemptAt`; `gone`: 410, the webhook was disabled.' })
  outcome!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "The receiver's HTTP status; null when none came (refused, timed out)." }) status!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The start of the receiver's answer, 1 KiB at most." }) response!: string | null;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
}

export class WebhookDeliveriesDoc {
  @ApiProperty({ type: [WebhookDeliveryDoc], description: 'The latest attempt first.' }) deliveries!: WebhookDeliveryDoc[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `before` for the next page; null on the last.' }) next!: number | null;
}

class DeadLetterDoc {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty() lastError!: string;
  @ApiProperty({ format: 'date-time' }) deadAt!: string;
}

export class DeadLettersDoc {
  @ApiProperty({ type: [DeadLetterDoc], description: 'In position order.' }) deadLetters!: DeadLetterDoc[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `after` for the next page; null on the last.' }) next!: number | null;
}

export class RedeliveredDoc {
  @ApiProperty({ type: [String], description: 'The events made pending again, each with a fresh set of attempts, in the order of $all.' }) redelivered!: string[];
}
