import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { tiers } from '@crm/domain';
import { AsOfQueryDto } from '../http/as-of.dto';
import { Optional } from '../http/optional';
import { IsTimeZone } from '../http/time-zone';

const daysPattern = /^(0|[1-9][0-9]?|[12][0-9]{2}|3[0-5][0-9]|36[0-6])$/;

/** The window of care items: days ahead and the time zone of the calendar dates. */
export class CareWindowQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'The window is the local dates from today to today + days: 0-366, default 30.', pattern: daysPattern.source })
  @Optional()
  @Matches(daysPattern, { message: 'days must be a whole number from 0 to 366' })
  days?: string;

  @ApiPropertyOptional({ description: 'The IANA time zone whose calendar dates the window and the birthdays are in; default Asia/Shanghai.', example: 'Asia/Shanghai' })
  @Optional()
  @IsTimeZone()
  timeZone?: string;
}

export class CareAgendaQueryDto extends CareWindowQueryDto {
  @ApiPropertyOptional({ description: "Only this account manager's customers (the manager at asOf).", maxLength: 100 })
  @Optional()
  @IsString()
  @Length(1, 100)
  managerId?: string;
}

/** The window a query asked for, with its defaults. */
export const careWindowOf = (query: CareWindowQueryDto) => ({ days: query.days ? Number(query.days) : 30, timeZone: query.timeZone ?? 'Asia/Shanghai' });

class CareDateDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: ['birthday', 'family-birthday', 'anniversary', 'contact-birthday'] }) kind!: string;
  @ApiProperty({ description: 'Whose or what: the customer, the family member (relation), the anniversary or the contact.' }) label!: string;
  @ApiProperty({ format: 'date', description: 'The occurrence in the window (29 February falls on 28 February in a common year).' }) date!: string;
  @ApiProperty({ type: 'integer', description: 'Calendar days from today; 0 is today.' }) daysUntil!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Years since the original date; null when its year is unknown.' }) years!: number | null;
}

class VisitDueDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true }) managerId!: string | null;
  @ApiProperty({ enum: tiers }) tier!: string;
  @ApiProperty({ format: 'date-time', description: 'The last visit or meeting, else the registration.' }) lastContactAt!: string;
  @ApiProperty({ format: 'date-time', description: "lastContactAt + the tier's cadence." }) dueAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Whole days past due, when due at or before asOf.' }) overdueDays!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Days until due (rounded up), when due later.' }) daysUntil!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The earliest visit planned for after asOf.' }) nextPlannedVisit!: string | null;
}

class NoContactDoc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true }) managerId!: string | null;
  @ApiProperty({ enum: tiers }) tier!: string;
  @ApiProperty({ format: 'date-time', description: 'The last interaction of any channel, else the registration.' }) lastInteractionAt!: string;
  @ApiProperty({ type: 'integer' }) daysSince!: number;
}

class CadenceDoc {
  @ApiProperty({ type: Number }) key!: number;
  @ApiProperty({ type: Number }) general!: number;
  @ApiProperty({ type: Number }) small!: number;
}

export class CareItemsDoc {
  @ApiProperty({ type: [CareDateDoc] }) dates!: CareDateDoc[];
  @ApiProperty({ type: [VisitDueDoc] }) visitsDue!: VisitDueDoc[];
  @ApiProperty({ type: [NoContactDoc] }) noContact!: NoContactDoc[];
}

export class CareAgendaDoc extends CareItemsDoc {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: 'integer' }) days!: number;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: String, nullable: true }) managerId!: string | null;
  @ApiProperty({ type: CadenceDoc, description: 'Days between visits per tier (setting CRM_CARE_CADENCE_DAYS).' }) cadenceDays!: CadenceDoc;
}
