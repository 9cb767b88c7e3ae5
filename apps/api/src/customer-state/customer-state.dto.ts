import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { CustomerViewDoc } from '../customers/customer-view.dto';
import { AsOfQueryDto } from '../http/as-of.dto';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

const streamVersionPattern = /^(0|[1-9][0-9]{0,9})$/;
/** Stream versions are 32-bit integers in the store: a larger bound could not be asked of it. */
const highestStreamVersion = 2_147_483_647;

/** A whole number from 0 to the highest stream version the store holds, as text (a query value). */
function IsStreamVersion(): PropertyDecorator {
  return ValidateBy({
    name: 'isStreamVersion',
    validator: {
      validate: (value) => typeof value === 'string' && streamVersionPattern.test(value) && Number(value) <= highestStreamVersion,
      defaultMessage: (args) => `${args?.property} must be a stream version: a whole number from 0 to ${highestStreamVersion}`,
    },
  });
}

/** The query of `GET /v1/customers/:id/state`; every value arrives as text. */
export class CustomerStateQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({
    description: 'Only what had been recorded at or before this instant: what the system knew then. Default the time of the request; echoed back.',
    format: 'date-time',
  })
  @Optional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({
    description: `Only the events up to this stream version (0 is the registration): 0-${highestStreamVersion}. The answer's streamVersion is the highest one folded.`,
    pattern: streamVersionPattern.source,
  })
  @Optional()
  @IsStreamVersion()
  version?: string;
}

export class CustomerStateDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The highest stream version among the events folded (at most `version`).' }) streamVersion!: number;
  @ApiProperty({ type: 'integer', description: "That event's global position in $all." }) position!: number;
  @ApiProperty({ format: 'date-time', description: 'Business time: the events that had happened (occurredAt) by then are folded.' }) asOf!: string;
  @ApiProperty({ format: 'date-time', description: 'Recording time: of those, the ones recorded by then.' }) knownAt!: string;
  @ApiProperty({ description: 'The customer was erased since: its personal fields read null here.' }) personalDataErased!: boolean;
  @ApiProperty({
    type: CustomerViewDoc,
    description: "The customer view (as GET /v1/customers/:id) of those events folded in business-time order (occurredAt, then stream version); its own streamVersion is the event folded last in that order.",
  })
  state!: CustomerViewDoc;
}
