import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ApiKeyStore } from './api-key-store';
import { roles, Roles, type Role } from './roles';

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
}
