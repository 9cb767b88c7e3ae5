import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  complaintCategories,
  complaintSeverities,
  interactionChannels,
  type ComplaintCategory,
  type ComplaintSeverity,
  type InteractionChannel,
} from '../../../../libs/domain/src';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';


export class FileComplaintDto extends FactDto {
  @ApiProperty({ example: 'cp-2024-0001' }) @Matches(idPattern, { message: `complaintId ${idRule}` }) complaintId!: string;
  @ApiProperty({ enum: complaintCategories }) @IsIn(complaintCategories) category!: ComplaintCategory;
  @ApiProperty({ enum: complaintSeverities }) @IsIn(complaintSeverities) severity!: ComplaintSeverity;
  @ApiProperty({ enum: interactionChannels }) @IsIn(interactionChannels) channel!: InteractionChannel;
  @ApiProperty() @IsString() @Length(1, 4000) description!: string;
  @ApiProperty({ description: '首问负责制: who received it owns it until it is transferred.' })
  @IsString()
  @Length(1, 100)
  receivedBy!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
}

export class AcknowledgeComplaintDto extends FactDto {}

export class HandOverComplaintDto extends FactDto {
  @ApiProperty({ description: 'Who takes it: a supervisor (escalation) or the new owner (transfer).' })
  @IsString()
  @Length(1, 100)
  to!: string;
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}

export class ResolveComplaintDto extends FactDto {
  @ApiProperty() @IsString() @Length(1, 4000) resolution!: string;
}

export class ReopenComplaintDto extends FactDto {
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}

export class CloseComplaintDto extends FactDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: "The customer's satisfaction with the handling." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;
}
