import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Runtime } from '@crm/application';
import { Readers, Roles } from '../auth/roles';
import { RUNTIME } from '../database/database.module';
import { IdPipe } from '../http/id.pipe';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { ProjectionStatusQuery, RebuildProjection } from './projection-queries';
import { ProjectionStatusDoc, RebuildAcceptedDoc } from './projections.dto';

@ApiTags('read models')
@NeedsApiKey()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Get()
  @Readers()
  @ApiOperation({
    summary: 'List the read models and how far they are',
    description: "Each projection's version, checkpoint, lag in events and milliseconds, state, and the progress of a rebuild under way.",
  })
  @ApiOkResponse({ type: [ProjectionStatusDoc], description: 'One entry per projection.' })
  @ProblemAnswers({ 400: 'A query parameter: this route takes none.' })
  status() {
    return this.queries.execute(new ProjectionStatusQuery());
  }

  @Post(':name/rebuild')
  @Roles()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read model from the first event',
    description:
      'Builds the projection (or `all`) again into fresh tables while the current ones keep answering, then switches over at once. ' +
      'A rebuild already under way is answered instead of starting another. Progress shows in GET /v1/projections. Admin only.',
  })
  @ApiAcceptedResponse({ type: RebuildAcceptedDoc, description: 'The rebuild is under way; for `all`, rebuildId lists each projection\'s, comma-separated.' })
  @ProblemAnswers({ 400: 'The name is malformed, or a query parameter is sent.', 404: 'No projection has this name.' })
  async rebuild(@Param('name', IdPipe) name: string) {
    const known = this.runtime.projections.projections.map((p) => p.name);
    if (name !== 'all' && !known.includes(name)) throw new NotFoundException(`There is no projection ${name}; there are ${known.join(', ')} (or all).`);
    const builds = await this.commands.execute<RebuildProjection, { name: string; rebuildId: string }[]>(new RebuildProjection(name));
    return { name, rebuildId: builds.map((b) => b.rebuildId).join(',') };
  }
}
