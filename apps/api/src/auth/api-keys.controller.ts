import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UnprocessableEntityException,
  type PipeTransform,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { NeedsApiKey, ProblemAnswers } from '../http/openapi';
import { RequestValidationError } from '../http/validation';
import { ApiKeyStore } from './api-key-store';
import { ApiKeyListDoc, IssueApiKeyDto, IssuedApiKeyDoc } from './api-keys.dto';
import { Roles } from './roles';

/** Key ids are UUIDs: anything else is a 400 naming the path parameter, not a database error. */
class KeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new RequestValidationError([{ path: 'keyId', message: 'keyId must be the UUID of an API key' }]);
    return value.toLowerCase();
  }
}

/** API keys, admin only: each names its holder (the actor of what it records) and has one role. */
@ApiTags('api keys')
@NeedsApiKey()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  @Post()
  @HttpCode(201)
  @Roles()
  @ApiOperation({
    summary: 'Issue an API key',
    description:
      'Makes a key with a name and a role: `admin` (every route), `writer` (records facts, reads customers), `auditor` and `analyst` (read customers), `integrator` (reads the event feed and subscribes to it, nothing else). ' +
      'Its secret is in this answer only; the service keeps only its hash.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyDoc, description: 'The key, with its secret.' })
  @ProblemAnswers({ 400: 'Bad input (`errors` names each field).', 413: 'The body is over 1 MiB.', 415: 'The body is not JSON.' })
  async issue(@Body() body: IssueApiKeyDto) {
    const issued = await this.keys.issue(body.name, body.role);
    return { id: issued.keyId, name: issued.name, role: issued.role, key: issued.key };
  }

  @Get()
  @Roles()
  @ApiOperation({ summary: 'List the API keys', description: 'Every key ever issued, revoked ones with the time of revocation; never a secret.' })
  @ApiOkResponse({ type: ApiKeyListDoc, description: 'The keys.' })
  @ProblemAnswers({ 400: 'A query parameter: this route takes none.' })
  async list() {
    return { keys: await this.keys.list() };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Roles()
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'At once in every process on the database (each hears a notice at commit; one that missed it trusts its cache 30 s at most). ' +
      'Revoking a revoked key changes nothing. The last admin key cannot be revoked (422): issue another admin key first.',
  })
  @ApiNoContentResponse({ description: 'Revoked, now or before.' })
  @ProblemAnswers({ 400: '`keyId` is not a UUID.', 404: 'No API key has this id.', 422: 'It is the last admin key.' })
  async revoke(@Param('keyId', KeyIdPipe) keyId: string): Promise<void> {
    const outcome = await this.keys.revoke(keyId);
    if (outcome === 'unknown') throw new NotFoundException(`No API key has the id ${keyId}.`);
    if (outcome === 'last-admin') {
      throw new UnprocessableEntityException('This is the last admin key: issue another admin key before revoking it.');
    }
  }
}
