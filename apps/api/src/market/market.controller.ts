import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { RecordComplianceViolationDto, RecordCompetitorContactDto, RecordReferralDto } from './market.dto';

/** The customer in its market: referrals, competitors' approaches, compliance (窜货 and the like). */
@ApiTags('market')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class MarketController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute('referrals')
  referral(@Param('id', IdPipe) id: string, @Body() body: RecordReferralDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordReferral', data: plainData(body) }));
  }

  @FactRoute('competitor-contacts')
  competitorContact(@Param('id', IdPipe) id: string, @Body() body: RecordCompetitorContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordCompetitorContact', data: plainData(body) }));
  }

  @FactRoute('compliance-violations')
  complianceViolation(@Param('id', IdPipe) id: string, @Body() body: RecordComplianceViolationDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordComplianceViolation', data: plainData(body) }));
  }
}
