import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RecordedEvent } from '@crm/event-store';
import type { ConsumerGroupStatus } from '@crm/subscriptions';
import { Roles } from '../auth/roles';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { eventFilterOf } from '../events/event-filter-body.dto';
import { GroupNamePipe } from './group-name.pipe';
import { AckConsumerGroup, ConsumerGroupQuery, CreateConsumerGroup, PollConsumerGroup } from './consumer-groups.commands';
import { AckDto, AckResultDoc, ConsumerGroupDoc, CreateConsumerGroupDto, PollDto, PolledEventsDoc } from './consumer-groups.dto';

/** Consumer groups (DESIGN.md §8): members poll and ack, the server keeps the checkpoint. */
@ApiTags('integrators')
@NeedsApiKey()
@Roles('integrator')
@Controller('v1/consumer-groups')
export class ConsumerGroupsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a consumer group',
    description: 'Its members share the events of the filter from `from` on. The same definition again answers the group as it is (200); another one under that name is a conflict.',
  })
  @ApiCreatedResponse({ type: ConsumerGroupDoc, description: 'Created.' })
  @ApiOkResponse({ type: ConsumerGroupDoc, description: 'It existed already with this definition.' })
  @ProblemAnswers({ 400: 'The body is malformed (named in errors[].path).', 409: 'A group of that name exists with another definition.' })
  async create(@Body() body: CreateConsumerGroupDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConsumerGroupStatus> {
    const { created, status } = await this.commands.execute<CreateConsumerGroup, { created: boolean; status: ConsumerGroupStatus }>(
      new CreateConsumerGroup({
        name: body.name,
        filter: eventFilterOf(body.filter),
        from: body.from ?? 1,
        leaseMs: (body.leaseSeconds ?? 30) * 1000,
      }),
    );
    void reply.status(created ? 201 : 200);
    return status;
  }

  @Get(':name')
  @ApiOperation({
    summary: "A consumer group's checkpoint, members and pending counts",
    description: 'The checkpoint is the position before the first event not yet acked; pending counts what is leased to each member and not yet acked.',
  })
  @ApiOkResponse({ type: ConsumerGroupDoc, description: 'The group.' })
  @ProblemAnswers({ 400: 'The name is malformed.', 404: 'No such group.' })
  status(@Param('name', GroupNamePipe) name: string): Promise<ConsumerGroupStatus> {
    return this.queries.execute(new ConsumerGroupQuery(name));
  }

  @Post(':name/poll')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take the next events, leased to this member',
    description:
      'Oldest first; a stream’s events go to one member at a time, in order. Ack them within the lease, or they are given out again (at least once: de-duplicate by `eventId`). ' +
      'Events this member holds unacked come again, first: a member that lost an answer and polls again misses nothing. ' +
      'An empty list when nothing is waiting: poll again later.',
  })
  @ApiOkResponse({ type: PolledEventsDoc, description: 'The events leased.' })
  @ProblemAnswers({ 400: 'The body is malformed (named in errors[].path).', 404: 'No such group.' })
  async poll(@Param('name', GroupNamePipe) name: string, @Body() body: PollDto): Promise<{ events: RecordedEvent[] }> {
    return { events: await this.commands.execute<PollConsumerGroup, RecordedEvent[]>(new PollConsumerGroup(name, body.member, body.max ?? 100)) };
  }

  @Post(':name/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ack events this member has handled', description: 'The checkpoint moves past every acked event before the first one still pending.' })
  @ApiOkResponse({ type: AckResultDoc, description: 'Which ids were acked, and which were not leased to this member.' })
  @ProblemAnswers({ 400: 'The body is malformed (named in errors[].path).', 404: 'No such group.' })
  ack(@Param('name', GroupNamePipe) name: string, @Body() body: AckDto) {
    return this.commands.execute(new AckConsumerGroup(name, body.member, body.eventIds));
  }
}
