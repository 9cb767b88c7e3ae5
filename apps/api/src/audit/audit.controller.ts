import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@crm/application';
import { Roles } from '../auth/roles';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { decodeAuditCursor, encodeAuditCursor, type AuditSelection } from './audit-cursor';
import { AuditPageDoc, AuditQueryDto } from './audit.dto';
import { AuditTrailQuery } from './audit-trail.query';
import { recordingBound } from './recording-bound';

@ApiTags('audit')
@NeedsApiKey()
@Roles('auditor')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Read the audit trail: who recorded what',
    description:
      'One entry per event of every customer, erased ones too, in recording order: its actor (the API key that recorded it), ' +
      'the request’s correlation and causation ids, its business and recording times; never its data. Filters by actor, ' +
      'by recording time (`from` inclusive, `to` exclusive) and by event type. Every event recorded before the request is in the answer. ' +
      'Pages of `limit` entries (default 100, at most 1000): pass `next` as `cursor` with the same filter.',
  })
  @ApiOkResponse({ type: AuditPageDoc, description: 'A page of the audit trail.' })
  @ProblemAnswers({
    400: 'A parameter is malformed or unknown, `to` is not after `from`, a type is no event type, or the cursor belongs to another filter (named in errors[].path).',
  })
  async audit(@Query() query: AuditQueryDto) {
    const selection: AuditSelection = {
      actor: query.actor ?? null,
      from: query.from === undefined ? null : recordingBound(query.from),
      to: query.to === undefined ? null : recordingBound(query.to),
      types: query.types === undefined ? null : [...new Set(query.types.split(','))].sort(),
    };
    const page = await this.queries.execute<AuditTrailQuery, AuditPage>(
      new AuditTrailQuery({
        actor: selection.actor ?? undefined,
        from: selection.from ?? undefined,
        to: selection.to ?? undefined,
        types: selection.types ?? undefined,
        limit: query.limit === undefined ? 100 : Number(query.limit),
        after: query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor, selection),
      }),
    );
    return { entries: page.entries, next: page.next === null ? null : encodeAuditCursor(selection, page.next) };
  }
}
