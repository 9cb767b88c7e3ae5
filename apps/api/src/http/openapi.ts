import { applyDecorators, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The event envelope of DESIGN.md §8, as a write answers it. */
export class EventMetadataDoc {
  @ApiProperty({ description: 'The name of the API key that recorded it.' }) actor!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional() causationId?: string;
  @ApiProperty({ description: 'Business time.', format: 'date-time' }) occurredAt!: string;
}

export class RecordedEventDoc {
  @ApiProperty({ type: 'integer', description: 'Global position in $all.' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'customer-c-yigao-hz-001' }) streamId!: string;
  @ApiProperty({ type: 'integer', description: '0-based, gap-free within the stream.' }) streamVersion!: number;
  @ApiProperty({ example: 'PurchaseRecorded' }) type!: string;
  @ApiProperty({ type: 'integer' }) schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() metadata!: EventMetadataDoc;
  @ApiProperty({ description: 'Server time.', format: 'date-time' }) recordedAt!: string;
}

class CommandOutcomeDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: 'integer', description: 'The stream version after the write; also the ETag.' }) streamVersion!: number;
  @ApiProperty({ type: [RecordedEventDoc], description: 'Empty when the write changed nothing.' }) events!: RecordedEventDoc[];
}

class ProblemFieldDoc {
  @ApiProperty({ example: 'lines[0].quantity' }) path!: string;
  @ApiProperty({ example: 'quantity must not be less than 1' }) message!: string;
}

/** RFC 9457 problem details, every error's body. */
export class ProblemDoc {
  @ApiProperty({ example: 'urn:crm:problem:business-rule-violated' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer' }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: "The last part of `type`, to branch on.", example: 'business-rule-violated' }) code!: string;
  @ApiPropertyOptional({ description: 'The business rule broken (422), e.g. refund.exceeds_remaining.' }) rule?: string;
  @ApiPropertyOptional({ type: [ProblemFieldDoc], description: 'The fields at fault.' }) errors?: ProblemFieldDoc[];
  @ApiPropertyOptional({ description: 'What is unknown (404) or taken (409): contact, complaint, order, refund...' }) entity?: string;
  @ApiPropertyOptional({ description: 'Its id.' }) id?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The stream version now, when `If-Match` named another (409 version-conflict).' })
  currentVersion?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Seconds to wait (429, 503), as in `Retry-After`.' }) retryAfterSeconds?: number;
}

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** Each status answered with an `application/problem+json` body, described as the route answers it. */
export function ProblemAnswers(answers: Partial<Record<ProblemStatus, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDoc),
    ...Object.entries(answers).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } },
      }),
    ),
  );
}

/** Every route of the controller needs an API key (all but /health and /docs do). */
export function NeedsApiKey(): ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ProblemAnswers({
      401: 'No API key, or one not known or revoked.',
      403: "The key's role may not call this route; `detail` names the roles that may.",
      429: 'Too many failed authentications from this address: retry after `Retry-After` seconds.',
      503: 'The database cannot be reached or did not answer in time; nothing was written: retry after `Retry-After` seconds.',
    }),
  );
}

/** What an operation is for: a short summary, and the rule it enforces and its refusals. */
interface OperationText {
  summary: string;
  description: string;
}

/**
 * A route that records a fact: `POST path`, with what every such route reads
 * and answers in the OpenAPI document. (Method-level: Nest's own default 201
 * would hide a controller-level one.)
 */
export function FactRoute({ path, ...text }: OperationText & { path?: string }): MethodDecorator {
  const outcome = (description: string) => ({
    description,
    type: CommandOutcomeDoc,
    headers: { ETag: { description: 'The stream version, e.g. "3": send it as If-Match.', schema: { type: 'string' } } },
  });
  return applyDecorators(
    Post(path),
    ApiOperation(text),
    ApiHeader({ name: 'If-Match', required: false, description: 'Write only if the stream is at this version (an ETag); 409 otherwise.' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and request gets the first answer, written once (24 h).' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: "Carried into the events' metadata; made when absent." }),
    ApiHeader({ name: 'X-Causation-Id', required: false, description: "Carried into the events' metadata." }),
    ApiResponse({ status: 201, ...outcome('Recorded: the new events.') }),
    ApiResponse({ status: 200, ...outcome('Nothing to record: an identical retry; no events.') }),
    ProblemAnswers({
      400: 'Bad input: the body, a path parameter, a header, or a query parameter (none is taken); `errors` names each field.',
      404: 'The customer, or the contact, complaint or order named in the path, does not exist.',
      409: '`If-Match` names another stream version, an id is taken by a different payload, or the `Idempotency-Key` request is still running.',
      410: 'The customer was erased (`customer-erased`), or the contact named in the path (`contact-erased`).',
      413: 'The body is over 1 MiB.',
      415: 'The body is not JSON.',
      422: 'A business rule is broken (`rule`), or the `Idempotency-Key` was used for another request.',
    }),
  );
}
