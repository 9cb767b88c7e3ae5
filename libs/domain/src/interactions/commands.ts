export const interactionChannels = ['visit', 'call', 'email', 'sms', 'meeting', 'wechat', 'event'] as const;
export type InteractionChannel = (typeof interactionChannels)[number];

export const interactionDirections = ['inbound', 'outbound'] as const;
export type InteractionDirection = (typeof interactionDirections)[number];

/** Care, birthday and holiday contacts are the seeds' 节假日、生日慰问走访. */
export const interactionPurposes = [
  'sales',
  'service',
  'care',
  'birthday',
  'holiday',
  'follow-up',
  'training',
  'collection',
  'other',
] as const;
export type InteractionPurpose = (typeof interactionPurposes)[number];

export interface Interaction {
  channel: InteractionChannel;
  direction: InteractionDirection;
  purpose: InteractionPurpose;
  summary: string;
  contactId?: string;
  outcome?: string;
}

export interface VisitPlan {
  /** The instant the visit is planned for. */
  plannedFor: string;
  purpose: InteractionPurpose;
  contactId?: string;
  agenda?: string;
}

export interface SurveyAnswer {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  satisfaction?: number;
  /** Net promoter score, 0 to 10. */
  nps?: number;
  comment?: string;
  contactId?: string;
}

export type RecordInteraction = { type: 'RecordInteraction'; data: Interaction };
/** A visit cannot be planned for an instant before the plan is made (the decision's `occurredAt`). */
export type PlanVisit = { type: 'PlanVisit'; data: VisitPlan };
export type RecordSurveyAnswer = { type: 'RecordSurveyAnswer'; data: SurveyAnswer };

export type InteractionCommand = RecordInteraction | PlanVisit | RecordSurveyAnswer;
