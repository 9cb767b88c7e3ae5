import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import {
  competitorContactOutcomes,
  complianceViolationKinds,
  penaltyKinds,
  type CompetitorContactOutcome,
  type ComplianceViolationKind,
  type PenaltyKind,
} from '@crm/domain';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { DtoType } from '../http/dto-type';
import { Optional } from '../http/optional';

export class RecordReferralDto extends FactDto {
  @ApiProperty({ description: 'The customer this one brought in.' })
  @Matches(idPattern, { message: `referredCustomerId ${idRule}` })
  referredCustomerId!: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 1000) note?: string;
}

export class RecordCompetitorContactDto extends FactDto {
  @ApiProperty({ example: 'Gome' }) @IsString() @Length(1, 200) competitor!: string;
  @ApiPropertyOptional({ example: '8% rebate on notebooks' }) @Optional() @IsString() @Length(1, 1000) offer?: string;
  @ApiProperty() @IsIn(competitorContactOutcomes) outcome!: CompetitorContactOutcome;
  @ApiPropertyOptional() @Optional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
}

class PenaltyDto {
  @ApiProperty() @IsIn(penaltyKinds) kind!: PenaltyKind;
  @ApiPropertyOptional({ description: 'A fine, in minor units.' }) @Optional() @IsInt() @Min(1) amountMinor?: number;
  @ApiPropertyOptional({ example: 'CNY' }) @Optional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency?: string;
  @ApiPropertyOptional({ description: 'Length of a supply suspension.' }) @Optional() @IsInt() @Min(1) days?: number;
}

export class RecordComplianceViolationDto extends FactDto {
  @ApiProperty() @IsIn(complianceViolationKinds) kind!: ComplianceViolationKind;
  @ApiProperty() @IsString() @Length(1, 4000) description!: string;
  @ApiPropertyOptional({ type: PenaltyDto }) @Optional() @IsObject() @ValidateNested() @DtoType(() => PenaltyDto) penalty?: PenaltyDto;
}
