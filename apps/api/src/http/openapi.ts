import { applyDecorators, Post } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The event envelope of DESIGN.md §8, as a write answers it. */
class EventMetadataDoc {
  @ApiProperty({ description: 'The name of the API key that recorded it.' }) actor!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional() causationId?: string;
  @ApiProperty({ description: 'Business time.', format: 'date-time' }) occurredAt!: string;
}

class RecordedEventDoc {
  @ApiProperty({ description: 'Global position in $all.' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'customer-c-yigao-hz-001' }) streamId!: string;
  @ApiProperty({ description: '0-based, gap-free within the stream.' }) streamVersion!: number;
  @ApiProperty({ example: 'PurchaseRecorded' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() metadata!: EventMetadataDoc;
  @ApiProperty({ description: 'Server time.', format: 'date-time' }) recordedAt!: string;
}

class CommandOutcomeDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ description: 'The stream version after the write; also the ETag.' }) streamVersion!: number;
  @ApiProperty({ type: [RecordedEventDoc], description: 'Empty when the write changed nothing.' }) events!: RecordedEventDoc[];
}

/** RFC 9457 problem details, every error's body. */
export class ProblemDoc {
  @ApiProperty({ example: 'urn:crm:problem:business-rule-violated' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: "The last part of `type`, to branch on.", example: 'business-rule-violated' }) code!: string;
  @ApiPropertyOptional({ description: 'The business rule broken (422), e.g. refund.exceeds_remaining.' }) rule?: string;
  @ApiPropertyOptional({ description: 'The fields at fault.', example: [{ path: 'lines[0].quantity', message: 'quantity must not be less than 1' }] })
  errors?: { path: string; message: string }[];
}

const problems: Record<number, string> = {
  400: 'Bad input: the body, a path parameter or a header (`errors` names each field).',
  401: 'No API key, or one not known or revoked.',
  403: "The key's role may not record facts.",
  404: 'The customer, or the contact, complaint or order named, does not exist.',
  409: '`If-Match` names another stream version, an id is taken by a different payload, or the `Idempotency-Key` request is still running.',
  410: 'The customer was erased.',
  413: 'The body is over 1 MiB.',
  415: 'The body is not JSON.',
  422: 'A business rule is broken (`rule`), or the `Idempotency-Key` was used for another request.',
};

/**
 * A route that records a fact: `POST path`, with what every such route reads
 * and answers in the OpenAPI document. (Method-level: Nest's own default 201
 * would hide a controller-level one.)
 */
export function FactRoute(path?: string): MethodDecorator {
  const outcome = (description: string) => ({
    description,
    type: CommandOutcomeDoc,
    headers: { ETag: { description: 'The stream version, e.g. "3": send it as If-Match.', schema: { type: 'string' } } },
  });
  return applyDecorators(
    Post(path),
    ApiExtraModels(ProblemDoc),
    ApiHeader({ name: 'If-Match', required: false, description: 'Write only if the stream is at this version (an ETag); 409 otherwise.' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and request gets the first answer, written once (24 h).' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: "Carried into the events' metadata; made when absent." }),
    ApiHeader({ name: 'X-Causation-Id', required: false, description: "Carried into the events' metadata." }),
    ApiResponse({ status: 201, ...outcome('Recorded: the new events.') }),
    ApiResponse({ status: 200, ...outcome('Nothing to record: an identical retry; no events.') }),
    ...Object.entries(problems).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } },
      }),
    ),
  );
}
