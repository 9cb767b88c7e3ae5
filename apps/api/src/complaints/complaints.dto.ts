import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  complaintCategories,
  complaintSeverities,
  interactionChannels,
  type ComplaintCategory,
  type ComplaintSeverity,
  type InteractionChannel,
} from '@crm/domain';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { Optional } from '../http/optional';


export class FileComplaintDto extends FactDto {
  @ApiProperty({ example: 'cp-2024-0001' }) @Matches(idPattern, { message: `complaintId ${idRule}` }) complaintId!: string;
  @ApiProperty() @IsIn(complaintCategories) category!: ComplaintCategory;
  @ApiProperty() @IsIn(complaintSeverities) severity!: ComplaintSeverity;
  @ApiProperty() @IsIn(interactionChannels) channel!: InteractionChannel;
  @ApiProperty() @IsString() @Length(1, 4000) description!: string;
  @ApiProperty({ description: '首问负责制: who received it owns it until it is transferred.' })
  @IsString()
  @Length(1, 100)
  receivedBy!: string;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
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
  @ApiPropertyOptional({ description: "The customer's satisfaction with the handling." })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;
}
