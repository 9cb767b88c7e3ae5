import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every fact may say when it happened (business time); by default, now. */
export class FactDto {
  @ApiPropertyOptional({
    example: '2024-05-01T09:30:00Z',
    description: 'When it happened (business time); default now; at most 5 minutes in the future.',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}
