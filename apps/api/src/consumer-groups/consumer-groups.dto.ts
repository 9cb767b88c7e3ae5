import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { EventFilterBodyDto } from '../events/event-filter-body.dto';
import { RecordedEventDoc } from '../http/openapi';
import { DtoType } from '../http/dto-type';
import { Optional } from '../http/optional';

export const groupNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const nameRule = 'must be 1-100 letters, digits or _ . : - and start with a letter or digit';

export class CreateConsumerGroupDto {
  @ApiProperty({ example: 'billing-sync', pattern: groupNamePattern.source })
  @Matches(groupNamePattern, { message: `name ${nameRule}` })
  name!: string;

  @ApiPropertyOptional({ type: EventFilterBodyDto, description: 'Which events the group receives; every event when left out.' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @DtoType(() => EventFilterBodyDto)
  filter?: EventFilterBodyDto;

  @ApiPropertyOptional({ description: 'First position the group reads (inclusive); default 1, the first event.', minimum: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from?: number;

  @ApiPropertyOptional({ description: 'Seconds a polled event stays leased to its member before it is given out again; default 30.', minimum: 1, maximum: 3600 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3600)
  leaseSeconds?: number;
}

export class PollDto {
  @ApiProperty({ description: 'Who polls: any name the member keeps while it runs.', example: 'worker-1', pattern: groupNamePattern.source })
  @Matches(groupNamePattern, { message: `member ${nameRule}` })
  member!: string;

  @ApiPropertyOptional({ description: 'Events at most: 1-1000, default 100.', minimum: 1, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000)
  max?: number;
}

export class AckDto {
  @ApiProperty({ example: 'worker-1', pattern: groupNamePattern.source })
  @Matches(groupNamePattern, { message: `member ${nameRule}` })
  member!: string;

  @ApiProperty({ type: [String], description: 'The ids of events this member polled and has handled.', format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each of eventIds must be an event id (a UUID)' })
  eventIds!: string[];
}

class GroupFilterDoc {
  @ApiProperty({ type: [String], nullable: true }) types!: string[] | null;
  @ApiProperty({ type: String, nullable: true }) stream!: string | null;
}

class PendingDoc {
  @ApiProperty({ type: 'integer', description: 'Read from $all and not acked yet.' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Leased to a member now.' }) leased!: number;
  @ApiProperty({ type: 'integer', description: 'Waiting for a poll.' }) available!: number;
}

class MemberDoc {
  @ApiProperty() member!: string;
  @ApiProperty({ type: 'integer', description: 'Events leased to it now.' }) leased!: number;
  @ApiProperty({ format: 'date-time' }) lastPollAt!: string;
}

export class ConsumerGroupDoc {
  @ApiProperty() name!: string;
  @ApiProperty() filter!: GroupFilterDoc;
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer', description: 'Every event up to this position is acked (or left out by the filter).' }) checkpoint!: number;
  @ApiProperty({ type: 'integer', description: 'How far $all has been read into the pending events.' }) readUpTo!: number;
  @ApiProperty() pending!: PendingDoc;
  @ApiProperty({ type: [MemberDoc] }) members!: MemberDoc[];
  @ApiProperty({ type: 'integer' }) leaseSeconds!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PolledEventsDoc {
  @ApiProperty({ type: [RecordedEventDoc], description: 'In position order; ack each by its `eventId`. A stream’s events go to one member at a time.' }) events!: RecordedEventDoc[];
}

export class AckResultDoc {
  @ApiProperty({ type: [String], description: 'Acked now, in the order asked, lower-case.' }) acked!: string[];
  @ApiProperty({ type: [String], description: 'Not leased to this member: acked before, or given to another member after the lease ran out.' }) notLeased!: string[];
}
