import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  churnReasons,
  creditGrades,
  customerKinds,
  erasureBases,
  ownerships,
  tierOverrideReasons,
  tiers,
  type ChurnReason,
  type CreditGrade,
  type CustomerKind,
  type ErasureBasis,
  type Ownership,
  type Tier,
  type TierOverrideReason,
} from '../../../../libs/domain/src';
import { FactDto } from './fact.dto';
import { idPattern, idRule } from './customer-id';
import { DtoType } from '../http/dto-type';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterCustomerDto extends FactDto {
  @ApiPropertyOptional({ description: 'Chosen by the client; a UUID is made when absent.' })
  @IsOptional()
  @Matches(idPattern, { message: `customerId ${idRule}` })
  customerId?: string;

  @ApiProperty({ enum: customerKinds })
  @IsIn(customerKinds)
  kind!: CustomerKind;

  @ApiProperty({ example: '深圳华强电子有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'IT retail' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional({ enum: ownerships, description: 'Organizations only.' })
  @IsOptional()
  @IsIn(ownerships)
  ownership?: Ownership;

  @ApiPropertyOptional({ example: 'Guangdong' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: 'trade-fair' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  source?: string;
}

class FamilyMemberDto {
  @ApiProperty() @IsString() @Length(1, 50) relation!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: '1990-04-12' }) @IsOptional() @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string;
}

class AnniversaryDto {
  @ApiProperty() @IsString() @Length(1, 100) label!: string;
  @ApiProperty({ example: '2015-09-01' }) @Matches(datePattern, { message: 'date must be YYYY-MM-DD' }) date!: string;
}

class ContactDetailsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) mobile?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) wechat?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) address?: string;
}

/** The 客户资料卡: names only what changes; `birthday: null` clears it. */
export class UpdateProfileCardDto extends FactDto {
  @ApiPropertyOptional({ example: '1975-03-08', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' })
  birthday?: string | null;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) hobbies?: string[];

  @ApiPropertyOptional({ type: [FamilyMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @DtoType(() => FamilyMemberDto)
  family?: FamilyMemberDto[];

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) socialGroups?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) preferences?: string[];

  @ApiPropertyOptional({ type: [AnniversaryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @DtoType(() => AnniversaryDto)
  anniversaries?: AnniversaryDto[];

  @ApiPropertyOptional({ type: ContactDetailsDto })
  @IsOptional()
  @ValidateNested()
  @DtoType(() => ContactDetailsDto)
  contactDetails?: ContactDetailsDto;
}

export class AssignAccountManagerDto extends FactDto {
  @ApiProperty({ example: 'am-zhang-wei' }) @IsString() @Length(1, 100) managerId!: string;
}

export class QualifyCustomerDto extends FactDto {
  @ApiPropertyOptional({ description: 'Required to requalify a disqualified customer.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class DisqualifyCustomerDto extends FactDto {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class OverrideTierDto extends FactDto {
  @ApiProperty({ enum: tiers }) @IsIn(tiers) tier!: Tier;
  @ApiProperty({ enum: tierOverrideReasons }) @IsIn(tierOverrideReasons) reason!: TierOverrideReason;
}

export class RateCreditDto extends FactDto {
  @ApiProperty({ enum: creditGrades }) @IsIn(creditGrades) grade!: CreditGrade;
}

export class RateStarsDto extends FactDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) stars!: number;
}

export class EstablishPartnershipDto extends FactDto {
  @ApiPropertyOptional({ example: 'AGR-2024-017' }) @IsOptional() @IsString() @Length(1, 100) agreementRef?: string;
}

export class RecordChurnDto extends FactDto {
  @ApiProperty({ enum: churnReasons }) @IsIn(churnReasons) reason!: ChurnReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) competitor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class EraseCustomerDto extends FactDto {
  @ApiProperty({ enum: erasureBases }) @IsIn(erasureBases) basis!: ErasureBasis;
}
