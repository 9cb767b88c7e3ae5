import type { Interaction, SurveyAnswer, VisitPlan } from './commands';

export type InteractionRecorded = { type: 'InteractionRecorded'; data: Interaction };
/** `plannedFor` is normalised to UTC. */
export type VisitPlanned = { type: 'VisitPlanned'; data: VisitPlan };
export type SurveyAnswered = { type: 'SurveyAnswered'; data: SurveyAnswer };

export type InteractionEvent = InteractionRecorded | VisitPlanned | SurveyAnswered;
