import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { RecordComplianceViolationDto, RecordCompetitorContactDto, RecordReferralDto } from './market.dto';

/** The customer in its market: referrals, competitors' approaches, compliance (窜货 and the like). */
@ApiTags('market')
@NeedsApiKey()
@Writers()
@Controller('v1/customers/:id')
export class MarketController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    path: 'referrals',
    summary: 'Record a referral',
    description:
      'Records ReferralMade: the customer brought in another one. Recording the same referred customer again answers 200 with no events. ' +
      'Refused: a customer referring itself (422 `referral.self_referral`).',
  })
  referral(@Param('id', IdPipe) id: string, @Body() body: RecordReferralDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordReferral', data: plainData(body) });
  }

  @FactRoute({
    path: 'competitor-contacts',
    summary: 'Record a competitor approach',
    description:
      'Records CompetitorContactObserved: a competitor approached the customer, with its offer and whether the customer resisted, partially switched or switched. ' +
      'Refused: a `contactId` naming an unknown or removed contact (422 `contact.unknown`, `contact.removed`).',
  })
  competitorContact(@Param('id', IdPipe) id: string, @Body() body: RecordCompetitorContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordCompetitorContact', data: plainData(body) });
  }

  @FactRoute({
    path: 'compliance-violations',
    summary: 'Record a compliance violation',
    description:
      'Records ComplianceViolationRecorded (窜货 cross-region diversion and the like) with its penalty. ' +
      'A fine has an amount and a currency and other penalties none (422 `compliance.penalty_amount`); a supply suspension has its length in days and other penalties none (422 `compliance.penalty_days`).',
  })
  complianceViolation(@Param('id', IdPipe) id: string, @Body() body: RecordComplianceViolationDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordComplianceViolation', data: plainData(body) });
  }
}
