import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChainedEventsPage } from '@crm/application';
import type { AuditReport, SignedCheckpoint } from '@crm/event-store';
import { Public, Roles } from '../auth/roles';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { CheckpointsPageDoc, CheckpointsQueryDto, CustomerEventsPageDoc, CustomerEventsQueryDto, MadeCheckpointDoc, PublicKeyDoc, VerifyReportDoc } from './tamper-evidence.dto';
import { CheckpointsQuery, CustomerEventsQuery, MakeCheckpoint, SigningPublicKeyQuery, VerifyCustomerQuery } from './tamper-evidence.queries';

/** A customer's raw stream with its links, and its verification: for auditors. */
@ApiTags('auditors')
@NeedsApiKey()
@Roles('auditor')
@Controller('v1/customers')
export class CustomerEvidenceController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/events')
  @ApiOperation({
    summary: "Read a customer's raw stream, with each event's hash chain link",
    description:
      'The events in the envelope of DESIGN.md §8, in stream-version order, each with `hash` and `previousHash`. Erased personal fields read null, ' +
      'named in `metadata.erased`. Pages of `limit` (default 1000): pass `next` as `fromVersion`.',
  })
  @ApiOkResponse({ type: CustomerEventsPageDoc, description: 'A page of the stream.' })
  @ProblemAnswers({ 400: 'A parameter is malformed (named in errors[].path).', 404: 'No such customer.' })
  events(@Param('id', IdPipe) id: string, @Query() query: CustomerEventsQueryDto): Promise<ChainedEventsPage> {
    return this.queries.execute(
      new CustomerEventsQuery({
        customerId: id,
        fromVersion: query.fromVersion === undefined ? 0 : Number(query.fromVersion),
        ...(query.toVersion === undefined ? {} : { toVersion: Number(query.toVersion) }),
        limit: query.limit === undefined ? 1000 : Number(query.limit),
      }),
    );
  }

  @Get(':id/verify')
  @ApiOperation({
    summary: "Verify a customer's stream against its chain and every signed checkpoint",
    description:
      'Checks every link of the stream, the signature and chaining of every checkpoint, that their recorded heads give their signed roots, ' +
      'that the stream still holds each head a checkpoint committed to (a truncated, deleted or re-chained stream shows here), and that ' +
      'nothing was written into the past the latest checkpoint covers. `ok` is false with the findings listed otherwise.',
  })
  @ApiOkResponse({ type: VerifyReportDoc, description: 'What was checked and every finding; `ok` false when anything is broken.' })
  @ProblemAnswers({ 400: 'The id is malformed, or a query parameter is sent: this route takes none.', 404: 'No such customer.' })
  verify(@Param('id', IdPipe) id: string): Promise<AuditReport> {
    return this.queries.execute(new VerifyCustomerQuery(id));
  }
}

/** The signed checkpoints: listed for auditors, made on demand by an admin. */
@ApiTags('auditors')
@NeedsApiKey()
@Roles('auditor')
@Controller('v1/checkpoints')
export class CheckpointsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List the signed checkpoints',
    description: 'Oldest first. Each commits to every stream head at its position, is signed with Ed25519 and names the digest of the one before it.',
  })
  @ApiOkResponse({ type: CheckpointsPageDoc, description: 'A page of checkpoints.' })
  @ProblemAnswers({ 400: 'A parameter is malformed (named in errors[].path).' })
  async checkpoints(@Query() query: CheckpointsQueryDto) {
    const limit = query.limit === undefined ? 100 : Number(query.limit);
    const checkpoints = await this.queries.execute<CheckpointsQuery, SignedCheckpoint[]>(new CheckpointsQuery(query.after === undefined ? 0 : Number(query.after), limit));
    return { checkpoints, next: checkpoints.length === limit ? checkpoints[checkpoints.length - 1].sequence : null };
  }

  @Post()
  @HttpCode(200)
  @Roles()
  @ApiOperation({ summary: 'Make a checkpoint now (admin)', description: 'Over everything written so far; answers the latest one when nothing was written since.' })
  @ApiOkResponse({ type: MadeCheckpointDoc, description: 'The checkpoint covering everything written.' })
  @ProblemAnswers({ 400: 'A body or query parameter is sent: this route takes none.' })
  checkpoint() {
    return this.commands.execute(new MakeCheckpoint());
  }
}

/** The public key checkpoints are signed with, for anybody to have. */
@ApiTags('auditors')
@Public()
@Controller('v1/checkpoints/public-key')
export class SigningKeyController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The public key that checkpoints are signed with', description: 'Give it to auditors: with it, `crm verify --file` checks an export with nothing else of ours.' })
  @ApiOkResponse({ type: PublicKeyDoc, description: 'The key, its id and algorithm.' })
  @ProblemAnswers({ 400: 'A query parameter: this route takes none.' })
  publicKey() {
    return this.queries.execute(new SigningPublicKeyQuery());
  }
}
