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
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, isUUID, Length } from 'class-validator';
import { RequestValidationError } from '../http/validation';
import { ApiKeyStore } from './api-key-store';
import { roles, Roles, type Role } from './roles';

/** Key ids are UUIDs: anything else is a 400 naming the path parameter, not a database error. */
class KeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new RequestValidationError([{ path: 'keyId', message: 'keyId must be the UUID of an API key' }]);
    return value.toLowerCase();
  }
}

class IssueApiKeyDto {
  @ApiProperty({ example: 'front-desk-shenzhen', description: 'Who uses the key; the actor of the events it records.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: roles })
  @IsIn(roles)
  role!: Role;
}

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyStore) {}

  /** Issues a key; its secret is in this answer only. */
  @Post()
  @HttpCode(201)
  @Roles()
  async issue(@Body() body: IssueApiKeyDto) {
    const issued = await this.keys.issue(body.name, body.role);
    return { id: issued.keyId, name: issued.name, role: issued.role, key: issued.key };
  }

  /** Every key ever issued, revoked ones with the time; never a secret. */
  @Get()
  @Roles()
  async list() {
    return { keys: await this.keys.list() };
  }

  /** Revokes a key; revoking it again changes nothing. */
  @Delete(':keyId')
  @HttpCode(204)
  @Roles()
  async revoke(@Param('keyId', KeyIdPipe) keyId: string): Promise<void> {
    const outcome = await this.keys.revoke(keyId);
    if (outcome === 'unknown') throw new NotFoundException(`No API key has the id ${keyId}.`);
    if (outcome === 'last-admin') {
      throw new UnprocessableEntityException('This is the last admin key: issue another admin key before revoking it.');
    }
  }
}
