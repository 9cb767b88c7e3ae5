import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AllPage, RecordedEvent } from '@crm/event-store';
import { resumeAfter } from '@crm/subscriptions';
import { Roles } from '../auth/roles';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { RequestValidationError } from '../http/validation';
import { streamEvents } from './event-stream';
import { EventsPageDoc, EventsQueryDto, filterOf, LiveEventsQueryDto } from './events.dto';
import { EventsPageQuery } from './events.queries';
import { LiveEventsQuery } from './live-events.query';
import { LiveStreams } from './live-streams';

/** The event stream for integrators: `$all` paged, and live as Server-Sent Events (DESIGN.md §8). */
@ApiTags('integrators')
@NeedsApiKey()
@Roles('integrator')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly streams: LiveStreams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Page through every event in position order',
    description:
      'The envelope of DESIGN.md §8, `from` inclusive. Pass `next` as `from` for the next page: it moves past events the filter leaves out, ' +
      'and never past a position a writer may still commit, so that paging on never misses an event. Erased personal fields read null, named in `metadata.erased`.',
  })
  @ApiOkResponse({ type: EventsPageDoc, description: 'A page of events.' })
  @ProblemAnswers({ 400: 'A parameter is malformed or unknown, or a type is no event type (named in errors[].path).' })
  page(@Query() query: EventsQueryDto): Promise<AllPage> {
    return this.queries.execute(
      new EventsPageQuery({ from: query.from === undefined ? 1 : Math.max(1, Number(query.from)), limit: query.limit === undefined ? 100 : Number(query.limit), ...filterOf(query) }),
    );
  }

  @Get('live')
  @ApiOperation({
    summary: 'Follow every event live, as Server-Sent Events',
    description:
      'One message per event: `id:` its position, `event:` its type, `data:` the envelope. First what is stored from `from`, then each event as it is written, ' +
      'with no seam between the two. An EventSource that reconnects sends `Last-Event-ID` and resumes with the next position. `: ping` comments come at least every 15 s. ' +
      'A consumer that reads nothing while events wait is paused, and after 30 s sent an `event: dropped` message with the reason and let go.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id:` of the last message received: the stream resumes after it (wins over `from`).' })
  @ApiOkResponse({ description: 'A `text/event-stream` that lasts until the client leaves.', schema: { type: 'string' } })
  @ProblemAnswers({ 400: 'A parameter or the Last-Event-ID header is malformed, or a type is no event type (named in errors[].path).' })
  async live(@Query() query: LiveEventsQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const resumed = lastEventId === undefined ? undefined : resumeAfter(lastEventId);
    if (lastEventId !== undefined && resumed === undefined) {
      throw new RequestValidationError([{ path: 'Last-Event-ID', message: 'Last-Event-ID must be the id of a message of this stream: a position, a whole number from 0' }]);
    }
    const abort = this.streams.track();
    const from = resumed ?? (query.from === undefined ? undefined : Math.max(1, Number(query.from)));
    const pages = await this.queries.execute<LiveEventsQuery, AsyncIterable<readonly RecordedEvent[]>>(new LiveEventsQuery({ ...filterOf(query), from, signal: abort.signal }));
    reply.hijack();
    const response = reply.raw;
    response.on('close', () => abort.abort());
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...securityHeadersOf(reply),
    });
    await streamEvents(response, pages, abort, this.streams.settings).finally(() => abort.abort());
  }
}

/** The headers set so far and those the service puts on every answer (a hijacked reply skips the hook that adds them). */
function securityHeadersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  for (const [name, value] of Object.entries(reply.getHeaders())) if (typeof value === 'string') headers[name] = value;
  return headers;
}
