import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Runtime } from '@crm/application';
import { projectionStatus, rebuildIdOf, type ProjectionStatus } from '@crm/projections';
import { RUNTIME } from '../database/database.module';

export class ProjectionStatusQuery {}

@QueryHandler(ProjectionStatusQuery)
export class ProjectionStatusHandler implements IQueryHandler<ProjectionStatusQuery, ProjectionStatus[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute(): Promise<ProjectionStatus[]> {
    return projectionStatus(this.runtime.store, this.runtime.client, this.runtime.projections.projections, Date.now());
  }
}

/** Build a projection (or `all`) again from the first event; whichever process holds its lease does it. */
export class RebuildProjection {
  constructor(readonly name: string) {}
}

@CommandHandler(RebuildProjection)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjection, { name: string; rebuildId: string }[]> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async execute({ name }: RebuildProjection) {
    const builds = await this.runtime.projections.rebuild(name);
    return builds.map((g) => ({ name: g.name, rebuildId: rebuildIdOf(g) }));
  }
}
