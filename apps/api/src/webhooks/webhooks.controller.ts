import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeadLetter, WebhookDelivery, WebhookStatus } from '@crm/subscriptions';
import { Roles } from '../auth/roles';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { WebhookIdPipe } from './webhook-id.pipe';
import { eventFilterOf } from '../events/event-filter-body.dto';
import {
  DeadLettersDoc,
  DeadLettersQueryDto,
  DeliveriesQueryDto,
  RedeliverDto,
  RedeliveredDoc,
  RegisteredWebhookDoc,
  RegisterWebhookDto,
  WebhookDeliveriesDoc,
  WebhookListDoc,
  WebhookStatusDoc,
} from './webhooks.dto';
import {
  DeadLettersQuery,
  EnableWebhook,
  ListWebhooksQuery,
  RedeliverDeadLetters,
  RegisterWebhook,
  RemoveWebhook,
  WebhookDeliveriesQuery,
  WebhookStatusQuery,
} from './webhooks.queries';

const unknownWebhook = 'No webhook has this id.';

/** Webhooks per Standard Webhooks (DESIGN.md §8): integrators register them and look after their deliveries. */
@ApiTags('integrators')
@NeedsApiKey()
@Roles('integrator')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a webhook',
    description:
      'Each matching event is POSTed to `url`, the envelope as the JSON body, signed as Standard Webhooks say (`webhook-id`: the event id, ' +
      '`webhook-timestamp`, `webhook-signature`): verify it with any Standard Webhooks library and the `secret` answered here, only here. ' +
      "A stream's events arrive in order, each once its predecessor was taken (2xx); a failed delivery is retried after 5 s, 5 min, 30 min, " +
      '2 h, 5 h, 10 h and 10 h (±20%), then dead-lettered while the stream goes on; a 410 answer disables the webhook. At least once: ' +
      'receivers de-duplicate by `webhook-id`. See docs/integrators.md.',
  })
  @ApiCreatedResponse({ type: RegisteredWebhookDoc, description: 'Registered: its id and signing secret.' })
  @ProblemAnswers({ 400: 'Bad input (`errors` names each field): a URL that is not http(s), an unknown type or filter key.', 413: 'The body is over 1 MiB.', 415: 'The body is not JSON.' })
  register(@Body() body: RegisterWebhookDto): Promise<{ id: string; secret: string }> {
    return this.commands.execute(new RegisterWebhook({ url: body.url, filter: eventFilterOf(body.filter), ...(body.from === undefined ? {} : { from: body.from }) }));
  }

  @Get()
  @ApiOperation({ summary: 'List the webhooks', description: 'Each with its status and counts, oldest first; never a secret.' })
  @ApiOkResponse({ type: WebhookListDoc, description: 'The webhooks.' })
  @ProblemAnswers({ 400: 'A query parameter: this route takes none.' })
  async list() {
    return { webhooks: await this.queries.execute<ListWebhooksQuery, WebhookStatus[]>(new ListWebhooksQuery()) };
  }

  @Get(':id')
  @ApiOperation({
    summary: "A webhook's status",
    description: 'Enabled, or disabled and why; how far it has read and delivered; how many deliveries are pending and dead-lettered.',
  })
  @ApiOkResponse({ type: WebhookStatusDoc, description: 'The webhook, without its secret.' })
  @ProblemAnswers({ 400: '`id` is not a UUID, or a query parameter is sent.', 404: unknownWebhook })
  status(@Param('id', WebhookIdPipe) id: string): Promise<WebhookStatus> {
    return this.queries.execute(new WebhookStatusQuery(id));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "A webhook's delivery log",
    description: 'Every attempt of the last 7 days, the latest first: its event, outcome, HTTP status, error and the start of the answer. Pages of `limit`: pass `next` as `before`.',
  })
  @ApiOkResponse({ type: WebhookDeliveriesDoc, description: 'A page of the log.' })
  @ProblemAnswers({ 400: 'A parameter is malformed (named in errors[].path).', 404: unknownWebhook })
  async deliveries(@Param('id', WebhookIdPipe) id: string, @Query() query: DeliveriesQueryDto) {
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    const deliveries = await this.queries.execute<WebhookDeliveriesQuery, WebhookDelivery[]>(
      new WebhookDeliveriesQuery(id, limit, query.before === undefined ? undefined : Number(query.before)),
    );
    return { deliveries, next: deliveries.length === limit ? deliveries[deliveries.length - 1].id : null };
  }

  @Get(':id/dead-letters')
  @ApiOperation({
    summary: "A webhook's dead letters",
    description: 'The deliveries whose every attempt failed, in position order. Pages of `limit`: pass `next` as `after`.',
  })
  @ApiOkResponse({ type: DeadLettersDoc, description: 'A page of dead letters.' })
  @ProblemAnswers({ 400: 'A parameter is malformed (named in errors[].path).', 404: unknownWebhook })
  async deadLetters(@Param('id', WebhookIdPipe) id: string, @Query() query: DeadLettersQueryDto) {
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    const deadLetters = await this.queries.execute<DeadLettersQuery, DeadLetter[]>(
      new DeadLettersQuery(id, limit, query.after === undefined ? undefined : Number(query.after)),
    );
    return { deadLetters, next: deadLetters.length === limit ? deadLetters[deadLetters.length - 1].position : null };
  }

  @Post(':id/dead-letters/redeliver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Redeliver dead letters',
    description:
      'Makes the dead letters (those of `eventIds`, or all: send `{}`) pending again with a fresh set of attempts. Each goes before the ' +
      'later pending events of its stream. Event ids that are no dead letter are left out of the answer.',
  })
  @ApiOkResponse({ type: RedeliveredDoc, description: 'The events made pending again.' })
  @ProblemAnswers({ 400: 'Bad input (`errors` names each field).', 404: unknownWebhook, 413: 'The body is over 1 MiB.', 415: 'The body is not JSON.' })
  async redeliver(@Param('id', WebhookIdPipe) id: string, @Body() body: RedeliverDto) {
    return { redelivered: await this.commands.execute<RedeliverDeadLetters, string[]>(new RedeliverDeadLetters(id, body.eventIds?.map((e) => e.toLowerCase()))) };
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a webhook again',
    description:
      'After a 410 from its receiver disabled it: deliveries go on from where they stood, the refused one first, each stream in order. ' +
      'Nothing is sent with the request. An enabled webhook stays as it is.',
  })
  @ApiOkResponse({ type: WebhookStatusDoc, description: 'The webhook, enabled.' })
  @ProblemAnswers({ 400: '`id` is not a UUID, or a query parameter is sent.', 404: unknownWebhook })
  enable(@Param('id', WebhookIdPipe) id: string): Promise<WebhookStatus> {
    return this.commands.execute(new EnableWebhook(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook', description: 'With its pending deliveries, log and dead letters; a delivery under way may still arrive.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ProblemAnswers({ 400: '`id` is not a UUID, or a query parameter is sent.', 404: unknownWebhook })
  async remove(@Param('id', WebhookIdPipe) id: string): Promise<void> {
    await this.commands.execute(new RemoveWebhook(id));
  }
}
