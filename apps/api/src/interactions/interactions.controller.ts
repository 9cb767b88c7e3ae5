import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { PlanVisitDto, RecordInteractionDto, RecordSurveyAnswerDto } from './interactions.dto';

/** Contacts with the customer: calls, visits, care, planned visits and surveys. */
@ApiTags('interactions')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class InteractionsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute('interactions')
  interaction(@Param('id', IdPipe) id: string, @Body() body: RecordInteractionDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordInteraction', data: plainData(body) }));
  }

  @FactRoute('visits')
  visit(@Param('id', IdPipe) id: string, @Body() body: PlanVisitDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, (occurredAt) => ({ type: 'PlanVisit', data: { ...plainData(body), occurredAt } }));
  }

  @FactRoute('surveys')
  survey(@Param('id', IdPipe) id: string, @Body() body: RecordSurveyAnswerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordSurveyAnswer', data: plainData(body) }));
  }
}
