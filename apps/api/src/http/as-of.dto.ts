import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from './instant';
import { Optional } from './optional';

/** `?asOf=`: the instant a read answers as of (business time); the time of the request when left out. */
export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Answer as of this instant (business time); default the time of the request. Echoed back.', format: 'date-time' })
  @Optional()
  @IsInstant()
  asOf?: string;
}

/** The instant a read answers as of, in the form it is echoed back. */
export const asOfOf = (query: AsOfQueryDto): string => (query.asOf ? new Date(query.asOf) : new Date()).toISOString();
