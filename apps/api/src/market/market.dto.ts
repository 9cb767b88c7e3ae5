import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import {
  competitorContactOutcomes,
  complianceViolationKinds,
  penaltyKinds,
  type CompetitorContactOutcome,
  type ComplianceViolationKind,
  type PenaltyKind,
} from '../../../../libs/domain/src';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { DtoType } from '../http/dto-type';

export class RecordReferralDto extends FactDto {
  @ApiProperty({ description: 'The customer this one brought in.' })
  @Matches(idPattern, { message: `referredCustomerId ${idRule}` })
  referredCustomerId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class RecordCompetitorContactDto extends FactDto {
  @ApiProperty({ example: 'Gome' }) @IsString() @Length(1, 200) competitor!: string;
  @ApiPropertyOptional({ example: '8% rebate on notebooks' }) @IsOptional() @IsString() @Length(1, 1000) offer?: string;
  @ApiProperty({ enum: competitorContactOutcomes }) @IsIn(competitorContactOutcomes) outcome!: CompetitorContactOutcome;
  @ApiPropertyOptional() @IsOptional() @Matches(idPattern, { message: `contactId ${idRule}` }) contactId?: string;
}

class PenaltyDto {
  @ApiProperty({ enum: penaltyKinds }) @IsIn(penaltyKinds) kind!: PenaltyKind;
  @ApiPropertyOptional({ description: 'A fine, in minor units.' }) @IsOptional() @IsInt() @Min(1) amountMinor?: number;
  @ApiPropertyOptional({ example: 'CNY' }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }) currency?: string;
  @ApiPropertyOptional({ description: 'Length of a supply suspension.' }) @IsOptional() @IsInt() @Min(1) days?: number;
}

export class RecordComplianceViolationDto extends FactDto {
  @ApiProperty({ enum: complianceViolationKinds }) @IsIn(complianceViolationKinds) kind!: ComplianceViolationKind;
  @ApiProperty() @IsString() @Length(1, 4000) description!: string;
  @ApiPropertyOptional({ type: PenaltyDto }) @IsOptional() @ValidateNested() @DtoType(() => PenaltyDto) penalty?: PenaltyDto;
}
