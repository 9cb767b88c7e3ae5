import { ApiProperty } from '@nestjs/swagger';
import type { StorageKind } from '@crm/application';

export class HealthDoc {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['postgres', 'pglite'] satisfies StorageKind[], description: 'PostgreSQL, or the embedded PGlite in the data folder.' })
  storage!: StorageKind;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The global position of the last event stored; 0 when none is.' }) headPosition!: number;
}
