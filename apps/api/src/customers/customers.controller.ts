import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CustomerErasedError } from '../../../../libs/domain/src';
import { Readers, Writers } from '../auth/roles';
import { HttpExchange, type Exchange } from '../http/exchange';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { CustomerCommandGateway } from './customer-command-gateway';
import { CustomerViews } from './customer-streams';
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
  constructor(
    private readonly gateway: CustomerCommandGateway,
    private readonly views: CustomerViews,
  ) {}

  /** The customer as of its last event; `ETag` is the stream version, `If-None-Match` answers 304. */
  @Get(':id')
  @Readers()
  async get(@Param('id', IdPipe) id: string, @HttpExchange() { request, reply }: Exchange) {
    const { version, state } = await this.views.load(id, true);
    if (!state) throw new NotFoundException(`There is no customer ${id}.`);
    if (state.status === 'erased') throw new CustomerErasedError(id);
    const etag = `"${version}"`;
    void reply.header('etag', etag);
    if (request.headers['if-none-match'] === etag) return void reply.status(304);
    return state;
  }

  @Post()
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

  @Post(':id/profile')
  profile(@Param('id', IdPipe) id: string, @Body() body: UpdateProfileCardDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'UpdateProfileCard', data: plainData(body) }));
  }

  @Post(':id/account-manager')
  accountManager(@Param('id', IdPipe) id: string, @Body() body: AssignAccountManagerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'AssignAccountManager', data: plainData(body) }));
  }

  @Post(':id/qualification')
  qualify(@Param('id', IdPipe) id: string, @Body() body: QualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'QualifyCustomer', data: plainData(body) }));
  }

  @Post(':id/disqualification')
  disqualify(@Param('id', IdPipe) id: string, @Body() body: DisqualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'DisqualifyCustomer', data: plainData(body) }));
  }

  @Post(':id/tier-override')
  tierOverride(@Param('id', IdPipe) id: string, @Body() body: OverrideTierDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'OverrideTier', data: plainData(body) }));
  }

  @Post(':id/credit-rating')
  creditRating(@Param('id', IdPipe) id: string, @Body() body: RateCreditDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RateCredit', data: plainData(body) }));
  }

  @Post(':id/star-rating')
  starRating(@Param('id', IdPipe) id: string, @Body() body: RateStarsDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RateStars', data: plainData(body) }));
  }

  @Post(':id/partnership')
  partnership(@Param('id', IdPipe) id: string, @Body() body: EstablishPartnershipDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'EstablishPartnership', data: plainData(body) }));
  }

  @Post(':id/churn')
  churn(@Param('id', IdPipe) id: string, @Body() body: RecordChurnDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordChurn', data: plainData(body) }));
  }

  @Post(':id/erasure')
  erase(@Param('id', IdPipe) id: string, @Body() body: EraseCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'EraseCustomer', data: plainData(body) }));
  }
}
