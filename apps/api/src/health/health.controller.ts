import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import type { Runtime } from '@crm/application';
import { RUNTIME } from '../database/database.module';
import { ProblemAnswers } from '../http/openapi';
import { HealthDoc } from './health.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get()
  @ApiOperation({ summary: 'Check the service', description: 'Answers 200 only when the event store answers too; needs no API key.' })
  @ApiOkResponse({ type: HealthDoc, description: 'The service and its event store answer.' })
  @ProblemAnswers({ 400: 'A query parameter: this route takes none.', 503: 'The database cannot be reached or did not answer in time (Retry-After).' })
  async health() {
    const headPosition = await this.runtime.store.headPosition();
    return { status: 'ok', storage: this.runtime.storage, headPosition };
  }
}
