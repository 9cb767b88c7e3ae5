import { ApiProperty, OmitType } from '@nestjs/swagger';
import { contactLevels, contactRoles, relationshipLevels } from '@crm/domain';
import { CareItemsDoc } from '../care-agenda/care-agenda.dto';
import { BoardRowDoc } from '../complaint-board/complaint-board.dto';
import {
  CompetitorContactsViewDoc,
  CreditRatingViewDoc,
  CustomerViewDoc,
  LastInteractionViewDoc,
  PlannedVisitViewDoc,
  StarRatingViewDoc,
} from '../customers/customer-view.dto';
import { CustomerLifecycleDoc } from '../lifecycle/lifecycle.dto';
import { CustomerLoyaltyDoc } from '../value/loyalty.dto';
import { CustomerTierDoc } from '../value/value.dto';

class OrgChartNodeDoc {
  @ApiProperty() contactId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ enum: contactLevels }) level!: string;
  @ApiProperty({ enum: contactRoles }) role!: string;
  @ApiProperty({ description: '内线: an insider who champions us.' }) internalChampion!: boolean;
  @ApiProperty({ enum: relationshipLevels }) relationshipLevel!: string;
  @ApiProperty({ type: () => [OrgChartNodeDoc], description: 'The contacts who report to this one.' }) reports!: OrgChartNodeDoc[];
}

class LevelCoverageDoc {
  @ApiProperty({ enum: contactLevels }) level!: string;
  @ApiProperty({ type: 'integer' }) contacts!: number;
  @ApiProperty({ type: 'integer' }) internalChampions!: number;
  @ApiProperty({ enum: relationshipLevels, nullable: true, description: 'The closest relationship with a contact at this level; null with none.' }) closestRelationship!: string | null;
}

export class Customer360Doc {
  @ApiProperty() customerId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: CustomerViewDoc, nullable: true, description: 'The customer view as of asOf (business time); null when registered later.' }) customer!: CustomerViewDoc | null;
  @ApiProperty({ type: OmitType(CustomerLifecycleDoc, ['customerId', 'asOf']) }) lifecycle!: object;
  @ApiProperty({ type: OmitType(CustomerTierDoc, ['customerId', 'asOf']) }) tier!: object;
  @ApiProperty({ type: OmitType(CustomerLoyaltyDoc, ['customerId', 'asOf']), description: 'RFM, the loyalty index and 四度.' }) loyalty!: object;
  @ApiProperty({ type: [OrgChartNodeDoc], description: 'The contacts not removed, nested by reportsTo.' }) orgChart!: OrgChartNodeDoc[];
  @ApiProperty({ type: [LevelCoverageDoc], description: 'Coverage per level of the organization.' }) coverage!: LevelCoverageDoc[];
  @ApiProperty({ type: LastInteractionViewDoc, nullable: true }) lastInteraction!: LastInteractionViewDoc | null;
  @ApiProperty({ type: PlannedVisitViewDoc, nullable: true, description: 'The earliest visit planned for after asOf.' }) nextVisit!: PlannedVisitViewDoc | null;
  @ApiProperty({ type: [BoardRowDoc], description: 'Its complaints open at asOf, as on the board.' }) openComplaints!: BoardRowDoc[];
  @ApiProperty({ type: CareItemsDoc, description: 'Its care dates in the window, its visit due and its no-contact alert.' }) care!: CareItemsDoc;
  @ApiProperty({ type: CreditRatingViewDoc, nullable: true }) creditRating!: CreditRatingViewDoc | null;
  @ApiProperty({ type: StarRatingViewDoc, nullable: true }) starRating!: StarRatingViewDoc | null;
  @ApiProperty({ type: 'integer' }) complianceViolations!: number;
  @ApiProperty({ type: CompetitorContactsViewDoc, nullable: true }) competitorContacts!: CompetitorContactsViewDoc | null;
}
