import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import {
  contactLevels,
  contactRemovalReasons,
  contactRoles,
  relationshipLevels,
  type ContactLevel,
  type ContactRemovalReason,
  type ContactRole,
  type RelationshipLevel,
} from '../../../../libs/domain/src';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';


export class AddContactDto extends FactDto {
  @ApiProperty({ example: 'ct-li-na' }) @Matches(idPattern, { message: `contactId ${idRule}` }) contactId!: string;
  @ApiProperty({ example: '李娜' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: '采购经理' }) @IsOptional() @IsString() @Length(1, 100) title?: string;
  @ApiProperty({ enum: contactLevels }) @IsIn(contactLevels) level!: ContactLevel;
  @ApiProperty({ enum: contactRoles }) @IsIn(contactRoles) role!: ContactRole;
  @ApiPropertyOptional({ description: 'Another contact of this customer.' })
  @IsOptional()
  @Matches(idPattern, { message: `reportsTo ${idRule}` })
  reportsTo?: string;
  @ApiPropertyOptional({ description: '内线: an insider who champions us.' }) @IsOptional() @IsBoolean() internalChampion?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
}

/** Names only what changes; `reportsTo: null` moves the contact to the top of the org chart. */
export class UpdateContactDto extends FactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) title?: string;
  @ApiPropertyOptional({ enum: contactLevels }) @IsOptional() @IsIn(contactLevels) level?: ContactLevel;
  @ApiPropertyOptional({ enum: contactRoles }) @IsOptional() @IsIn(contactRoles) role?: ContactRole;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(idPattern, { message: `reportsTo ${idRule}` })
  reportsTo?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() internalChampion?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
}

export class RemoveContactDto extends FactDto {
  @ApiProperty({ enum: contactRemovalReasons }) @IsIn(contactRemovalReasons) reason!: ContactRemovalReason;
}

export class ChangeRelationshipLevelDto extends FactDto {
  @ApiProperty({ enum: relationshipLevels }) @IsIn(relationshipLevels) level!: RelationshipLevel;
  @ApiPropertyOptional({ description: "A contact's level; without it, the customer's own." })
  @IsOptional()
  @Matches(idPattern, { message: `contactId ${idRule}` })
  contactId?: string;
}
