import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';
import {
  contactLevels,
  contactRemovalReasons,
  contactRoles,
  erasureBases,
  relationshipLevels,
  type ContactLevel,
  type ContactRemovalReason,
  type ContactRole,
  type ErasureBasis,
  type RelationshipLevel,
} from '@crm/domain';
import { FactDto } from '../customers/fact.dto';
import { idPattern, idRule } from '../customers/customer-id';
import { datePattern } from '../customers/customers.dto';
import { Optional, NullClears } from '../http/optional';

export class AddContactDto extends FactDto {
  @ApiProperty({ example: 'ct-li-na' }) @Matches(idPattern, { message: `contactId ${idRule}` }) contactId!: string;
  @ApiProperty({ example: '李娜' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ example: '采购经理' }) @Optional() @IsString() @Length(1, 100) title?: string;
  @ApiProperty() @IsIn(contactLevels) level!: ContactLevel;
  @ApiProperty() @IsIn(contactRoles) role!: ContactRole;
  @ApiPropertyOptional({ description: 'Another contact of this customer.' })
  @Optional()
  @Matches(idPattern, { message: `reportsTo ${idRule}` })
  reportsTo?: string;
  @ApiPropertyOptional({ description: '内线: an insider who champions us.' }) @Optional() @IsBoolean() internalChampion?: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @Optional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '1982-11-03', description: 'For care visits and birthday touches; personal data.' })
  @Optional()
  @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' })
  birthday?: string;
}

/** Names only what changes. */
export class UpdateContactDto extends FactDto {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) title?: string;
  @ApiPropertyOptional() @Optional() @IsIn(contactLevels) level?: ContactLevel;
  @ApiPropertyOptional() @Optional() @IsIn(contactRoles) role?: ContactRole;
  @ApiPropertyOptional({ description: 'Another contact of this customer; `null` moves this one to the top of the org chart.' })
  @Optional()
  @NullClears()
  @Matches(idPattern, { message: `reportsTo ${idRule}` })
  reportsTo?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() internalChampion?: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 50) phone?: string;
  @ApiPropertyOptional() @Optional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '1982-11-03', description: '`null` clears it.' })
  @Optional()
  @NullClears()
  @Matches(datePattern, { message: 'birthday must be YYYY-MM-DD' })
  birthday?: string | null;
}

export class RemoveContactDto extends FactDto {
  @ApiProperty() @IsIn(contactRemovalReasons) reason!: ContactRemovalReason;
}

export class EraseContactDto extends FactDto {
  @ApiProperty({ description: 'The legal ground: the contact\'s own request, a retention period that ended, or a legal obligation.' })
  @IsIn(erasureBases)
  basis!: ErasureBasis;
}

export class ChangeRelationshipLevelDto extends FactDto {
  @ApiProperty() @IsIn(relationshipLevels) level!: RelationshipLevel;
  @ApiPropertyOptional({ description: "A contact's level; without it, the customer's own." })
  @Optional()
  @Matches(idPattern, { message: `contactId ${idRule}` })
  contactId?: string;
}
