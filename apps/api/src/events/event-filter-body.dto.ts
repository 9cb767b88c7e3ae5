import { ApiPropertyOptional } from '@nestjs/swagger';
import { customerEventTypes, isCustomerEventType } from '@crm/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, ValidateBy } from 'class-validator';
import { Optional } from '../http/optional';
import { streamOf, streamPattern, streamRule } from './stream-filter';

/** Each a type of the event catalogue; the message names the first that is not one. */
function IsEventTypeEach(): PropertyDecorator {
  return ValidateBy({
    name: 'isEventTypeEach',
    validator: {
      validate: (value) => Array.isArray(value) && value.every((type) => typeof type === 'string' && isCustomerEventType(type)),
      defaultMessage: (args) => {
        const unknown = Array.isArray(args?.value) ? args.value.find((type: unknown) => typeof type !== 'string' || !isCustomerEventType(type)) : undefined;
        return `${args?.property} names ${JSON.stringify(unknown)}, which is no event type; the types are ${customerEventTypes.join(', ')}`;
      },
    },
  });
}

/** Which events a subscription receives, in a request body: some types, one stream, or everything. */
export class EventFilterBodyDto {
  @ApiPropertyOptional({ type: [String], description: 'Only these event types; every type when left out.', example: ['ComplaintFiled', 'ComplaintEscalated'] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsEventTypeEach()
  types?: string[];

  @ApiPropertyOptional({ description: "Only one customer's events: its id, or its stream id (`customer-<id>`); every stream when left out.", example: 'c-yigao-hz-001' })
  @Optional()
  @Matches(streamPattern, { message: `stream ${streamRule}` })
  stream?: string;
}

/** The filter of a body as the application takes it. */
export function eventFilterOf(filter: EventFilterBodyDto | undefined): { types?: string[]; streamId?: string } {
  return { ...(filter?.types ? { types: [...new Set(filter.types)] } : {}), ...(filter?.stream ? { streamId: streamOf(filter.stream) } : {}) };
}
