import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  interactionChannels,
  interactionDirections,
  interactionPurposes,
  type InteractionChannel,
  type InteractionDirection,
  type InteractionPurpose,
} from '../../../../libs/domain/src';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';

export class RecordInteractionDto extends FactDto {
  @ApiProperty({ enum: interactionChannels }) @IsIn(interactionChannels) channel!: InteractionChannel;
  @ApiProperty({ enum: interactionDirections }) @IsIn(interactionDirections) direction!: InteractionDirection;
  @ApiProperty({ enum: interactionPurposes }) @IsIn(interactionPurposes) purpose!: InteractionPurpose;
  @ApiProperty({ example: 'Quarterly review with the purchasing manager' }) @IsString() @Length(1, 4000) summary!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) outcome?: string;
}

export class PlanVisitDto extends FactDto {
  @ApiProperty({ example: '2024-06-01T10:00:00+08:00' }) @IsISO8601({ strict: true, strictSeparator: true }) plannedFor!: string;
  @ApiProperty({ enum: interactionPurposes }) @IsIn(interactionPurposes) purpose!: InteractionPurpose;
  @ApiPropertyOptional() @IsOptional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) agenda?: string;
}

export class RecordSurveyAnswerDto extends FactDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10 }) @IsOptional() @IsInt() @Min(0) @Max(10) nps?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
}
