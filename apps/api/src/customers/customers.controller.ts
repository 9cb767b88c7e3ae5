import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Writers } from '../auth/roles';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
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
@NeedsApiKey()
@Writers()
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    summary: 'Register a customer',
    description:
      'Records CustomerRegistered: an organization or a person with its name, and its industry, ownership (organizations only), region and source when known. ' +
      "`customerId` is the client's own, or a UUID made here; `Location` names the customer. " +
      'The same registration again answers 200 with no events; another one under a taken id is 409 `duplicate`. ' +
      'Refused: an ownership for a person (422 `customer.ownership_requires_organization`).',
  })
  async register(@Body() body: RegisterCustomerDto, @HttpExchange() http: Exchange) {
    const customerId = body.customerId ?? randomUUID();
    const answer = await this.gateway.record(http, customerId, body, {
      type: 'RegisterCustomer',
      data: { ...plainData(body), customerId },
    });
    // From the answer: a replayed Idempotency-Key answers the id made the first time, not the one made now.
    void http.reply.header('location', `/v1/customers/${answer.customerId}`);
    return answer;
  }

  @FactRoute({
    path: ':id/profile',
    summary: 'Update the profile card (客户资料卡)',
    description:
      "Records ProfileCardUpdated with the fields given, each replacing the card's (a list replaces the list); `birthday: null` clears the birthday. " +
      'All of it is personal data, erased with the customer. ' +
      'Refused: an update naming no field (422 `profile_card.empty_update`), a date that does not exist (422 `value.not_a_date`).',
  })
  profile(@Param('id', IdPipe) id: string, @Body() body: UpdateProfileCardDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'UpdateProfileCard', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/account-manager',
    summary: 'Assign the account manager',
    description: 'Records AccountManagerAssigned. Assigning the manager the customer has already answers 200 with no events.',
  })
  accountManager(@Param('id', IdPipe) id: string, @Body() body: AssignAccountManagerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'AssignAccountManager', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/qualification',
    summary: 'Qualify the customer',
    description:
      'Records CustomerQualified. Requalifying a disqualified customer needs a `reason` saying what changed (422 `qualification.requalification_reason_required`). ' +
      'Refused: a customer qualified already (422 `qualification.already_qualified`).',
  })
  qualify(@Param('id', IdPipe) id: string, @Body() body: QualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'QualifyCustomer', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/disqualification',
    summary: 'Disqualify the customer',
    description:
      'Records CustomerDisqualified with its reason. Refused: a customer disqualified already (422 `disqualification.already_disqualified`), ' +
      'and a partner (422 `disqualification.active_partner`): record its churn first, which ends the partnership.',
  })
  disqualify(@Param('id', IdPipe) id: string, @Body() body: DisqualifyCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'DisqualifyCustomer', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/tier-override',
    summary: 'Override the tier',
    description:
      'Records TierOverridden: a key, general or small account by decision (strategic, brand, government influence), which wins over the computed tier. ' +
      'The override the customer has already answers 200 with no events.',
  })
  tierOverride(@Param('id', IdPipe) id: string, @Body() body: OverrideTierDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'OverrideTier', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/credit-rating',
    summary: 'Rate the credit (信用评价)',
    description: 'Records CreditRated with the grade. Every review is recorded, one that keeps the grade too.',
  })
  creditRating(@Param('id', IdPipe) id: string, @Body() body: RateCreditDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RateCredit', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/star-rating',
    summary: 'Rate in stars (星级)',
    description: 'Records StarRated: 1 to 5 stars. Every review is recorded, one that keeps the stars too.',
  })
  starRating(@Param('id', IdPipe) id: string, @Body() body: RateStarsDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RateStars', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/partnership',
    summary: 'Establish a partnership',
    description:
      "Records PartnershipEstablished, with the agreement's reference when given. " +
      'Only a qualified customer becomes a partner (422 `partnership.requires_qualified_customer`); not one that is a partner already ' +
      '(422 `partnership.already_established`), nor one churned and not won back by a purchase (422 `partnership.churned_customer`).',
  })
  partnership(@Param('id', IdPipe) id: string, @Body() body: EstablishPartnershipDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'EstablishPartnership', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/churn',
    summary: 'Record that the customer churned',
    description:
      'Records CustomerChurned with its reason; it ends a partnership, and the next purchase wins the customer back. ' +
      'A customer lost to a competitor needs it named (422 `churn.competitor_required`). ' +
      'Refused: a customer churned already and not won back (422 `churn.already_churned`).',
  })
  churn(@Param('id', IdPipe) id: string, @Body() body: RecordChurnDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordChurn', data: plainData(body) });
  }

  @FactRoute({
    path: ':id/erasure',
    summary: 'Erase the customer',
    description:
      "Records CustomerErased with its legal basis and destroys the key of the customer's personal data in the same transaction: " +
      'from then on those fields read as null in every event. The customer takes no further command and its view answers 410.',
  })
  erase(@Param('id', IdPipe) id: string, @Body() body: EraseCustomerDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'EraseCustomer', data: plainData(body) });
  }
}
