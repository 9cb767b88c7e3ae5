import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
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
} from '@crm/domain';
import { FactDto } from './fact.dto';
import { idPattern, idRule } from './customer-id';
import { DtoType } from '../http/dto-type';
import { Optional, NullClears } from '../http/optional';

/** A calendar date; the domain refuses one that does not exist (30 February). */
export const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterCustomerDto extends FactDto {
  @ApiPropertyOptional({ description: 'Chosen by the client; a UUID is made when absent.' })
  @Optional()
  @Matches(idPattern, { message: `customerId ${idRule}` })
  customerId?: string;

  @ApiProperty()
  @IsIn(customerKinds)
  kind!: CustomerKind;

  @ApiProperty({ example: '深圳华强电子有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'IT retail' })
  @Optional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional({ description: 'Organizations only.' })
  @Optional()
  @IsIn(ownerships)
  ownership?: Ownership;

  @ApiPropertyOptional({ example: 'Guangdong' })
  @Optional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: 'trade-fair' })
  @Optional()
  @IsString()
  @Length(1, 100)
  source?: string;
}

class FamilyMemberDto {
  @ApiProperty() @IsString() @Length(1, 50) relation!: string;
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: '1990-04-12' }) @Optional() @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string;
}

class AnniversaryDto {
  @ApiProperty() @IsString() @Length(1, 100) label!: string;
  @ApiProperty({ example: '2015-09-01' }) @Matches(datePattern, { message: 'date must be YYYY-MM-DD' }) date!: string;
}

class ContactDetailsDto {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 50) mobile?: string;
  @ApiPropertyOptional() @Optional() @IsEmail() email?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) wechat?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 300) address?: string;
}

/** The 客户资料卡: names only what changes. */
export class UpdateProfileCardDto extends FactDto {
  @ApiPropertyOptional({ example: '1975-03-08', description: '`null` clears it.' })
  @Optional()
  @NullClears()
  @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' })
  birthday?: string | null;

  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) hobbies?: string[];

  @ApiPropertyOptional({ type: [FamilyMemberDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @DtoType(() => FamilyMemberDto)
  family?: FamilyMemberDto[];

  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) socialGroups?: string[];
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) preferences?: string[];

  @ApiPropertyOptional({ type: [AnniversaryDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @DtoType(() => AnniversaryDto)
  anniversaries?: AnniversaryDto[];

  @ApiPropertyOptional({ type: ContactDetailsDto })
  @Optional()
  @IsObject() @ValidateNested()
  @DtoType(() => ContactDetailsDto)
  contactDetails?: ContactDetailsDto;
}

export class AssignAccountManagerDto extends FactDto {
  @ApiProperty({ example: 'am-zhang-wei' }) @IsString() @Length(1, 100) managerId!: string;
}

export class QualifyCustomerDto extends FactDto {
  @ApiPropertyOptional({ description: 'Required to requalify a disqualified customer.' })
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class DisqualifyCustomerDto extends FactDto {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class OverrideTierDto extends FactDto {
  @ApiProperty() @IsIn(tiers) tier!: Tier;
  @ApiProperty() @IsIn(tierOverrideReasons) reason!: TierOverrideReason;
}

export class RateCreditDto extends FactDto {
  @ApiProperty() @IsIn(creditGrades) grade!: CreditGrade;
}

export class RateStarsDto extends FactDto {
  @ApiProperty() @IsInt() @Min(1) @Max(5) stars!: number;
}

export class EstablishPartnershipDto extends FactDto {
  @ApiPropertyOptional({ example: 'AGR-2024-017' }) @Optional() @IsString() @Length(1, 100) agreementRef?: string;
}

export class RecordChurnDto extends FactDto {
  @ApiProperty() @IsIn(churnReasons) reason!: ChurnReason;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 200) competitor?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 1000) note?: string;
}

export class EraseCustomerDto extends FactDto {
  @ApiProperty() @IsIn(erasureBases) basis!: ErasureBasis;
}
