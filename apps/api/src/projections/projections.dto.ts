import { ApiProperty } from '@nestjs/swagger';

class RebuildProgressDoc {
  @ApiProperty() rebuildId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'integer', description: 'The head of $all when the rebuild began.' }) targetPosition!: number;
  @ApiProperty({ description: 'position / targetPosition, from 0 to 1.' }) progress!: number;
}

export class ProjectionStatusDoc {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: 'The version that built the tables that answer.' }) version!: number;
  @ApiProperty({ type: 'integer', description: 'The last $all position applied.' }) position!: number;
  @ApiProperty({ type: 'integer' }) lagEvents!: number;
  @ApiProperty({ type: 'integer' }) lagMs!: number;
  @ApiProperty({ enum: ['live', 'catching-up', 'rebuilding', 'failed', 'stopped'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The process that applies it.' }) heldBy!: string | null;
  @ApiProperty({ type: RebuildProgressDoc, nullable: true }) rebuild!: RebuildProgressDoc | null;
}

export class RebuildAcceptedDoc {
  @ApiProperty() name!: string;
  @ApiProperty() rebuildId!: string;
}
