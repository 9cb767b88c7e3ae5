import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { PlanVisitDto, RecordInteractionDto, RecordSurveyAnswerDto } from './interactions.dto';

const namedContactRefusal = 'a `contactId` naming an unknown or removed contact (422 `contact.unknown`, `contact.removed`)';

/** Contacts with the customer: calls, visits, care, planned visits and surveys. */
@ApiTags('interactions')
@NeedsApiKey()
@Writers()
@Controller('v1/customers/:id')
export class InteractionsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    path: 'interactions',
    summary: 'Record an interaction',
    description:
      'Records InteractionRecorded: a visit, call, email, message, meeting or event with the customer, its direction, purpose (care, birthday and holiday touches among them), summary and outcome. ' +
      'Refused: ' + namedContactRefusal + '.',
  })
  interaction(@Param('id', IdPipe) id: string, @Body() body: RecordInteractionDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordInteraction', data: plainData(body) });
  }

  @FactRoute({
    path: 'visits',
    summary: 'Plan a visit',
    description:
      'Records VisitPlanned for an instant, with its purpose and agenda; the view lists the visits still ahead. ' +
      'Refused: an instant before the plan is made (422 `visit.planned_in_past`), ' + namedContactRefusal + '.',
  })
  visit(@Param('id', IdPipe) id: string, @Body() body: PlanVisitDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'PlanVisit', data: { ...plainData(body) } });
  }

  @FactRoute({
    path: 'surveys',
    summary: 'Record a survey answer',
    description:
      'Records SurveyAnswered: satisfaction (1-5), NPS (0-10) or both, with a comment. ' +
      'Refused: an answer with neither score (422 `survey.empty`), ' + namedContactRefusal + '.',
  })
  survey(@Param('id', IdPipe) id: string, @Body() body: RecordSurveyAnswerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordSurveyAnswer', data: plainData(body) });
  }
}
