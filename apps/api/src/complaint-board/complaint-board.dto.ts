import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { complaintCategories, complaintSeverities, interactionChannels, type ComplaintSeverity } from '@crm/domain';
import { AsOfQueryDto } from '../http/as-of.dto';
import { Optional } from '../http/optional';

export class ComplaintBoardQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Only the complaints this person owns at asOf (the receiver, or whoever it was last transferred to).', maxLength: 100 })
  @Optional()
  @IsString()
  @Length(1, 100)
  owner?: string;

  @ApiPropertyOptional({ enum: complaintSeverities })
  @Optional()
  @IsIn(complaintSeverities)
  severity?: ComplaintSeverity;
}

export class BoardRowDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty() complaintId!: string;
  @ApiProperty({ enum: ['filed', 'acknowledged', 'escalated', 'reopened'] }) status!: string;
  @ApiProperty({ enum: complaintSeverities }) severity!: string;
  @ApiProperty({ enum: complaintCategories }) category!: string;
  @ApiProperty({ enum: interactionChannels }) channel!: string;
  @ApiProperty({ description: '首问负责制: who received it.' }) firstResponder!: string;
  @ApiProperty({ description: 'Who owns it now: the receiver, or the latest transfer.' }) owner!: string;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
  @ApiProperty({ type: 'integer' }) reopenCount!: number;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The filing or the latest reopening + the severity’s SLA.' }) dueAt!: string;
  @ApiProperty() open!: boolean;
  @ApiProperty({ type: 'integer' }) ageHours!: number;
  @ApiProperty({ description: 'asOf is after dueAt (exactly at dueAt is in time).' }) breached!: boolean;
  @ApiProperty({ type: 'integer' }) overdueHours!: number;
}

class BoardStatsDoc {
  @ApiProperty({ type: Number, nullable: true }) meanHoursToResolve!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of resolution cycles resolved by their due time.' }) slaAttainment!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanSatisfaction!: number | null;
}

export class ComplaintBoardDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [BoardRowDoc] }) open!: BoardRowDoc[];
  @ApiProperty({ type: BoardStatsDoc }) stats!: BoardStatsDoc;
}
