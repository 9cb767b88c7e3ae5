import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Writers } from '../auth/roles';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { CustomerCommandGateway } from './customer-command-gateway';
import {
  AssignAccountManagerDto,
  DisqualifyCustomerDto,
  EraseCustomerDto,
  EstablishPartnershipDto,
  OverrideTierDto,
  QualifyCustomerDto,
  RateCreditDto,
  RateStarsDto,
  RecordChurnDto,
  RegisterCustomerDto,
  UpdateProfileCardDto,
} from './customers.dto';

/** The customer account: registration, profile card, manager, qualification, ratings, partnership, churn, erasure. */
@ApiTags('customers')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute()
  async register(@Body() body: RegisterCustomerDto, @HttpExchange() http: Exchange) {
    const customerId = body.customerId ?? randomUUID();
    const answer = await this.gateway.record(http, customerId, () => ({
      type: 'RegisterCustomer',
      data: { ...plainData(body), customerId },
    }));
    // From the answer: a replayed Idempotency-Key answers the id made the first time, not the one made now.
    void http.reply.header('location', `/v1/customers/${answer.customerId}`);
    return answer;
  }

  @FactRoute(':id/profile')
  profile(@Param('id', IdPipe) id: string, @Body() body: UpdateProfileCardDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'UpdateProfileCard', data: plainData(body) }));
  }

  @FactRoute(':id/account-manager')
  accountManager(@Param('id', IdPipe) id: string, @Body() body: AssignAccountManagerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'AssignAccountManager', data: plainData(body) }));
  }

  @FactRoute(':id/qualification')
  qualify(@Param('id', IdPipe) id: string, @Body() body: QualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'QualifyCustomer', data: plainData(body) }));
  }

  @FactRoute(':id/disqualification')
  disqualify(@Param('id', IdPipe) id: string, @Body() body: DisqualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'DisqualifyCustomer', data: plainData(body) }));
  }

  @FactRoute(':id/tier-override')
  tierOverride(@Param('id', IdPipe) id: string, @Body() body: OverrideTierDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'OverrideTier', data: plainData(body) }));
  }

  @FactRoute(':id/credit-rating')
  creditRating(@Param('id', IdPipe) id: string, @Body() body: RateCreditDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RateCredit', data: plainData(body) }));
  }

  @FactRoute(':id/star-rating')
  starRating(@Param('id', IdPipe) id: string, @Body() body: RateStarsDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RateStars', data: plainData(body) }));
  }

  @FactRoute(':id/partnership')
  partnership(@Param('id', IdPipe) id: string, @Body() body: EstablishPartnershipDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'EstablishPartnership', data: plainData(body) }));
  }

  @FactRoute(':id/churn')
  churn(@Param('id', IdPipe) id: string, @Body() body: RecordChurnDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordChurn', data: plainData(body) }));
  }

  @FactRoute(':id/erasure')
  erase(@Param('id', IdPipe) id: string, @Body() body: EraseCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'EraseCustomer', data: plainData(body) }));
  }
}
