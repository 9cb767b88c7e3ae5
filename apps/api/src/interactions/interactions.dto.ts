import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  interactionChannels,
  interactionDirections,
  interactionPurposes,
  type InteractionChannel,
  type InteractionDirection,
  type InteractionPurpose,
} from '@crm/domain';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { IsInstant } from '../http/instant';
import { Optional } from '../http/optional';

export class RecordInteractionDto extends FactDto {
  @ApiProperty() @IsIn(interactionChannels) channel!: InteractionChannel;
  @ApiProperty() @IsIn(interactionDirections) direction!: InteractionDirection;
  @ApiProperty() @IsIn(interactionPurposes) purpose!: InteractionPurpose;
  @ApiProperty({ example: 'Quarterly review with the purchasing manager' }) @IsString() @Length(1, 4000) summary!: string;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 1000) outcome?: string;
}

export class PlanVisitDto extends FactDto {
  @ApiProperty({ example: '2024-06-01T10:00:00+08:00', description: 'Not before the plan is made (`occurredAt`).' }) @IsInstant() plannedFor!: string;
  @ApiProperty() @IsIn(interactionPurposes) purpose!: InteractionPurpose;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 2000) agenda?: string;
}

export class RecordSurveyAnswerDto extends FactDto {
  @ApiPropertyOptional() @Optional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  @ApiPropertyOptional() @Optional() @IsInt() @Min(0) @Max(10) nps?: number;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 4000) comment?: string;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
}
