import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { ApiKeyInfo } from './api-key-store';
import { roles, type Role } from './roles';

export class IssueApiKeyDto {
  @ApiProperty({ example: 'front-desk-shenzhen', description: 'Who uses the key; the actor of the events it records.' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty()
  @IsIn(roles)
  role!: Role;
}

/** A key as an admin sees it: never its secret. */
export class ApiKeyDoc implements ApiKeyInfo {
  @ApiProperty({ format: 'uuid', description: 'The key id, to revoke it by.' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: roles }) role!: Role;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the key is valid.' }) revokedAt!: string | null;
}

export class IssuedApiKeyDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: roles }) role!: Role;
  @ApiProperty({ example: 'crm_3q2-7wz...', description: 'The secret, to send as `Authorization: Bearer <key>`: in this answer only, stored only as a hash.' })
  key!: string;
}

export class ApiKeyListDoc {
  @ApiProperty({ type: [ApiKeyDoc], description: 'Every key ever issued, revoked ones too, oldest first.' }) keys!: ApiKeyDoc[];
}
