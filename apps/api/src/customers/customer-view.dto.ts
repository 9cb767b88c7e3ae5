import { ApiProperty, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  churnReasons,
  competitorContactOutcomes,
  complaintCategories,
  complaintSeverities,
  contactLevels,
  contactRemovalReasons,
  contactRoles,
  creditGrades,
  customerKinds,
  erasureBases,
  interactionChannels,
  interactionDirections,
  interactionPurposes,
  ownerships,
  relationshipLevels,
  tierOverrideReasons,
  tiers,
  type AccountManagerView,
  type AnniversaryView,
  type ChurnReason,
  type ChurnView,
  type CompetitorContactOutcome,
  type CompetitorContactsView,
  type ComplaintCategory,
  type ComplaintSeverity,
  type ComplaintStatus,
  type ComplaintsView,
  type ComplaintView,
  type ContactDetailsView,
  type ContactLevel,
  type ContactRemovalReason,
  type ContactRole,
  type ContactView,
  type CreditGrade,
  type CreditRatingView,
  type CustomerKind,
  type CustomerStatus,
  type ErasureBasis,
  type FamilyMemberView,
  type InteractionChannel,
  type InteractionDirection,
  type InteractionPurpose,
  type InteractionsView,
  type MoneyTotals,
  type Ownership,
  type PartnershipView,
  type PlannedVisitView,
  type ProfileCardView,
  type PurchasesView,
  type QualificationView,
  type RegisteredCustomerView,
  type RelationshipLevel,
  type ScoreView,
  type StarRatingView,
  type SurveysView,
  type Tier,
  type TierOverrideReason,
  type TierOverrideView,
} from '@crm/domain';

/**
 * The answer of `GET /v1/customers/:id` for the OpenAPI document: the
 * domain's RegisteredCustomerView (an erased customer is answered 410), each
 * class implementing its view so that the compiler notices a field added or
 * retyped there. Every key is always present; unknown or absent is `null`.
 * Types are given explicitly: a `string | null` carries no runtime type.
 */

/** The values of a union the domain declares as a type only: the compiler checks that none is missing or extra. */
const valuesOf = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];

const instant: ApiPropertyOptions = { type: String, format: 'date-time', description: 'Business time.' };
const orNull = (options: ApiPropertyOptions): ApiPropertyOptions => ({ ...options, nullable: true } as ApiPropertyOptions);
const text: ApiPropertyOptions = { type: String };
const date: ApiPropertyOptions = { type: String, format: 'date', example: '1975-03-08' };
const count: ApiPropertyOptions = { type: 'integer', minimum: 0 };
const minorUnits: ApiPropertyOptions = { type: 'integer', description: 'In minor units (fen, cents).' };
const personal = (options: ApiPropertyOptions) => orNull({ ...options, description: 'Personal data: null once erased.' } as ApiPropertyOptions);

class FamilyMemberViewDoc implements FamilyMemberView {
  @ApiProperty(text) relation!: string;
  @ApiProperty(personal(text)) name!: string | null;
  @ApiProperty(orNull(date)) birthday!: string | null;
}

class AnniversaryViewDoc implements AnniversaryView {
  @ApiProperty(text) label!: string;
  @ApiProperty(date) date!: string;
}

class ContactDetailsViewDoc implements ContactDetailsView {
  @ApiProperty(orNull(text)) phone!: string | null;
  @ApiProperty(orNull(text)) mobile!: string | null;
  @ApiProperty(orNull({ type: String, format: 'email' })) email!: string | null;
  @ApiProperty(orNull(text)) wechat!: string | null;
  @ApiProperty(orNull(text)) address!: string | null;
}

/** The 客户资料卡 as last updated; a field never filled in is null. */
class ProfileCardViewDoc implements ProfileCardView {
  @ApiProperty(orNull(date)) birthday!: string | null;
  @ApiProperty(orNull({ type: [String] })) hobbies!: string[] | null;
  @ApiProperty(orNull({ type: [FamilyMemberViewDoc] })) family!: FamilyMemberViewDoc[] | null;
  @ApiProperty(orNull({ type: [String] })) socialGroups!: string[] | null;
  @ApiProperty(orNull({ type: [String] })) preferences!: string[] | null;
  @ApiProperty(orNull({ type: [AnniversaryViewDoc] })) anniversaries!: AnniversaryViewDoc[] | null;
  @ApiProperty(orNull({ type: ContactDetailsViewDoc })) contactDetails!: ContactDetailsViewDoc | null;
  @ApiProperty(orNull({ ...instant, description: 'Null until first updated.' })) updatedAt!: string | null;
}

class AccountManagerViewDoc implements AccountManagerView {
  @ApiProperty(orNull(text)) managerId!: string | null;
  @ApiProperty(orNull(instant)) since!: string | null;
}

class QualificationViewDoc implements QualificationView {
  @ApiProperty(orNull({ enum: ['qualified', 'disqualified'], description: 'Null until first qualified or disqualified.' }))
  state!: 'qualified' | 'disqualified' | null;
  @ApiProperty(orNull(text)) reason!: string | null;
  @ApiProperty(orNull(instant)) at!: string | null;
}

class TierOverrideViewDoc implements TierOverrideView {
  @ApiProperty({ enum: tiers }) tier!: Tier;
  @ApiProperty({ enum: tierOverrideReasons }) reason!: TierOverrideReason;
  @ApiProperty(instant) at!: string;
}

export class CreditRatingViewDoc implements CreditRatingView {
  @ApiProperty({ enum: creditGrades }) grade!: CreditGrade;
  @ApiProperty(instant) at!: string;
}

export class StarRatingViewDoc implements StarRatingView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) stars!: number;
  @ApiProperty(instant) at!: string;
}

class PartnershipViewDoc implements PartnershipView {
  @ApiProperty(instant) since!: string;
  @ApiProperty(orNull(text)) agreementRef!: string | null;
}

class ChurnViewDoc implements ChurnView {
  @ApiProperty({ enum: churnReasons }) reason!: ChurnReason;
  @ApiProperty(orNull(text)) competitor!: string | null;
  @ApiProperty(instant) at!: string;
}

class ContactRemovalViewDoc {
  @ApiProperty({ enum: contactRemovalReasons }) reason!: ContactRemovalReason;
  @ApiProperty(instant) at!: string;
}

class ContactErasureViewDoc {
  @ApiProperty({ enum: erasureBases }) basis!: ErasureBasis;
  @ApiProperty(instant) at!: string;
}

class ContactViewDoc implements ContactView {
  @ApiProperty(text) contactId!: string;
  @ApiProperty(personal(text)) name!: string | null;
  @ApiProperty(personal(text)) title!: string | null;
  @ApiProperty({ enum: contactLevels }) level!: ContactLevel;
  @ApiProperty({ enum: contactRoles }) role!: ContactRole;
  @ApiProperty(orNull({ ...text, description: 'The contact this one reports to; null at the top of the org chart.' })) reportsTo!: string | null;
  @ApiProperty({ description: '内线: an insider who champions us.' }) internalChampion!: boolean;
  @ApiProperty(personal(text)) phone!: string | null;
  @ApiProperty(personal({ type: String, format: 'email' })) email!: string | null;
  @ApiProperty(personal(date)) birthday!: string | null;
  @ApiProperty({ enum: relationshipLevels }) relationshipLevel!: RelationshipLevel;
  @ApiProperty(instant) addedAt!: string;
  @ApiProperty(orNull({ type: ContactRemovalViewDoc, description: 'A removed contact stays listed, so that the history still names someone.' }))
  removed!: ContactRemovalViewDoc | null;
  @ApiProperty(orNull({ type: ContactErasureViewDoc, description: 'Erased at their own request: listed still, with every personal field null.' }))
  erased!: ContactErasureViewDoc | null;
}

const complaintStatuses = valuesOf<ComplaintStatus>({ filed: true, acknowledged: true, escalated: true, resolved: true, closed: true, reopened: true });

/** The description is left to the relationship history: it is free text and may name people. */
class ComplaintViewDoc implements ComplaintView {
  @ApiProperty(text) complaintId!: string;
  @ApiProperty({ enum: complaintCategories }) category!: ComplaintCategory;
  @ApiProperty({ enum: complaintSeverities }) severity!: ComplaintSeverity;
  @ApiProperty({ enum: interactionChannels }) channel!: InteractionChannel;
  @ApiProperty(orNull(text)) contactId!: string | null;
  @ApiProperty({ ...text, description: 'Who owns it: who received it (首问负责制), until it is transferred.' }) owner!: string;
  @ApiProperty({ enum: complaintStatuses }) status!: ComplaintStatus;
  @ApiProperty(instant) filedAt!: string;
  @ApiProperty({ ...instant, description: 'When its SLA runs out, by its severity; restarted by a reopening.' }) dueAt!: string;
  @ApiProperty(count) escalationLevel!: number;
  @ApiProperty(orNull(instant)) resolvedAt!: string | null;
  @ApiProperty(orNull(instant)) closedAt!: string | null;
  @ApiProperty(orNull({ type: 'integer', minimum: 1, maximum: 5, description: "The customer's verdict on the handling, given at closing." }))
  satisfaction!: number | null;
}

class ComplaintsViewDoc implements ComplaintsView {
  @ApiProperty({ ...count, description: 'Filed, acknowledged, escalated or reopened: its SLA clock runs.' }) openCount!: number;
  @ApiProperty({ ...count, description: 'Resolved, waiting to be closed (or reopened).' }) resolvedCount!: number;
  @ApiProperty(count) closedCount!: number;
  @ApiProperty({ type: [ComplaintViewDoc], description: 'In the order filed.' }) items!: ComplaintViewDoc[];
}

/** Reached only through the purchase totals' `additionalProperties`: the controller lists it as an extra model. */
export class MoneyTotalsDoc implements MoneyTotals {
  @ApiProperty(minorUnits) grossMinor!: number;
  @ApiProperty(minorUnits) refundedMinor!: number;
  @ApiProperty({ ...minorUnits, description: 'Gross minus refunded, in minor units.' }) netMinor!: number;
}

class PurchasesViewDoc implements PurchasesView {
  @ApiProperty(count) orderCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(MoneyTotalsDoc) },
    description: 'Per ISO 4217 currency, in the order first bought in; never converted.',
    example: { CNY: { grossMinor: 1199800, refundedMinor: 0, netMinor: 1199800 } },
  })
  totals!: Record<string, MoneyTotalsDoc>;
  @ApiProperty(orNull(instant)) firstPurchaseAt!: string | null;
  @ApiProperty(orNull(instant)) lastPurchaseAt!: string | null;
}

export class LastInteractionViewDoc {
  @ApiProperty(instant) at!: string;
  @ApiProperty({ enum: interactionChannels }) channel!: InteractionChannel;
  @ApiProperty({ enum: interactionDirections }) direction!: InteractionDirection;
  @ApiProperty({ enum: interactionPurposes }) purpose!: InteractionPurpose;
}

export class PlannedVisitViewDoc implements PlannedVisitView {
  @ApiProperty(instant) plannedFor!: string;
  @ApiProperty({ enum: interactionPurposes }) purpose!: InteractionPurpose;
  @ApiProperty(orNull(text)) contactId!: string | null;
  @ApiProperty(orNull(text)) agenda!: string | null;
  @ApiProperty({ ...instant, description: 'When the plan was made.' }) plannedAt!: string;
}

class InteractionsViewDoc implements InteractionsView {
  @ApiProperty(count) count!: number;
  @ApiProperty(orNull({ type: LastInteractionViewDoc, description: 'The latest by business time, not the last recorded.' })) last!: LastInteractionViewDoc | null;
  @ApiProperty({
    type: [PlannedVisitViewDoc],
    description: "Visits planned for after the view's `lastEventAt`, soonest first: the first is the next visit.",
  })
  plannedVisits!: PlannedVisitViewDoc[];
}

class ScoreViewDoc implements ScoreView {
  @ApiProperty({ type: 'integer' }) score!: number;
  @ApiProperty(instant) at!: string;
}

/** Satisfaction and NPS may come from different answers, so each keeps its own time. */
class SurveysViewDoc implements SurveysView {
  @ApiProperty(count) count!: number;
  @ApiProperty(orNull({ type: ScoreViewDoc, description: 'Satisfaction, 1-5.' })) lastSatisfaction!: ScoreViewDoc | null;
  @ApiProperty(orNull({ type: ScoreViewDoc, description: 'Net promoter score, 0-10.' })) lastNps!: ScoreViewDoc | null;
}

class LastCompetitorContactViewDoc {
  @ApiProperty(text) competitor!: string;
  @ApiProperty({ enum: competitorContactOutcomes }) outcome!: CompetitorContactOutcome;
  @ApiProperty(instant) at!: string;
}

export class CompetitorContactsViewDoc implements CompetitorContactsView {
  @ApiProperty(count) count!: number;
  @ApiProperty(orNull({ type: LastCompetitorContactViewDoc, description: 'The latest by business time.' })) last!: LastCompetitorContactViewDoc | null;
}

const customerStatuses = valuesOf<Exclude<CustomerStatus, 'erased'>>({ active: true, disqualified: true, churned: true });

export class CustomerViewDoc implements RegisteredCustomerView {
  @ApiProperty(text) customerId!: string;
  @ApiProperty({ enum: customerStatuses, description: 'Disqualified is shown before churned: it is our verdict, whether or not the customer still buys.' })
  status!: Exclude<CustomerStatus, 'erased'>;
  @ApiProperty({ enum: customerKinds }) kind!: CustomerKind;
  @ApiProperty(personal(text)) name!: string | null;
  @ApiProperty(orNull(text)) industry!: string | null;
  @ApiProperty(orNull({ enum: ownerships })) ownership!: Ownership | null;
  @ApiProperty(orNull(text)) region!: string | null;
  @ApiProperty(orNull(text)) source!: string | null;
  @ApiProperty(instant) registeredAt!: string;
  @ApiProperty({ type: ProfileCardViewDoc }) profileCard!: ProfileCardViewDoc;
  @ApiProperty({ type: AccountManagerViewDoc }) accountManager!: AccountManagerViewDoc;
  @ApiProperty({ type: QualificationViewDoc }) qualification!: QualificationViewDoc;
  @ApiProperty(orNull({ type: TierOverrideViewDoc })) tierOverride!: TierOverrideViewDoc | null;
  @ApiProperty(orNull({ type: CreditRatingViewDoc })) creditRating!: CreditRatingViewDoc | null;
  @ApiProperty(orNull({ type: StarRatingViewDoc })) starRating!: StarRatingViewDoc | null;
  @ApiProperty(orNull({ type: PartnershipViewDoc })) partnership!: PartnershipViewDoc | null;
  @ApiProperty(orNull({ type: ChurnViewDoc, description: 'Null again once a purchase wins the customer back.' })) churn!: ChurnViewDoc | null;
  @ApiProperty({ enum: relationshipLevels, description: 'With the customer itself; each contact has its own.' }) relationshipLevel!: RelationshipLevel;
  @ApiProperty({ type: [ContactViewDoc], description: 'In the order added; removed ones stay, marked `removed`.' }) contacts!: ContactViewDoc[];
  @ApiProperty({ type: ComplaintsViewDoc }) complaints!: ComplaintsViewDoc;
  @ApiProperty({ type: PurchasesViewDoc }) purchases!: PurchasesViewDoc;
  @ApiProperty({ type: InteractionsViewDoc }) interactions!: InteractionsViewDoc;
  @ApiProperty({ type: SurveysViewDoc }) surveys!: SurveysViewDoc;
  @ApiProperty(count) referralsMade!: number;
  @ApiProperty({ type: CompetitorContactsViewDoc }) competitorContacts!: CompetitorContactsViewDoc;
  @ApiProperty(count) complianceViolations!: number;
  @ApiProperty({ type: 'object', additionalProperties: false, nullable: true, description: 'Always null here: an erased customer is answered 410.' })
  erasure!: null;
  @ApiProperty({ ...instant, description: "The latest business time among the events folded: the view's own now." }) lastEventAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Version of the last event folded; also the ETag.' }) streamVersion!: number;
}
