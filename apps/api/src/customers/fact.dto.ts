import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

/** Every fact may say when it happened (business time); by default, now. */
export class FactDto {
  @ApiPropertyOptional({
    example: '2024-05-01T09:30:00Z',
    description: 'When it happened (business time), RFC 3339 with a zone (`Z` or `±hh:mm`); default now; at most 5 minutes in the future.',
  })
  @Optional()
  @IsInstant()
  occurredAt?: string;
}
