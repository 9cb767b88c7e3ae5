import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { RecordPurchaseDto, RefundPurchaseDto } from './purchases.dto';

/** Orders and refunds; an order id is unique per customer, a refund at most what remains. */
@ApiTags('purchases')
@NeedsApiKey()
@Writers()
@Controller('v1/customers/:id')
export class PurchasesController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    path: 'purchases',
    summary: 'Record a purchase',
    description:
      'Records PurchaseRecorded: an order with its lines (SKU, category, quantity, unit price in minor units), its amount (the sum of the lines) and its cost or margin when known. ' +
      'An order id is unique per customer: the same order again answers 200 with no events, another one under a taken id is 409 `duplicate`. A purchase wins a churned customer back. ' +
      'Refused: a stated amount other than the sum (422 `purchase.amount_mismatch`), a margin above the amount or disagreeing with the cost (422 `purchase.margin_exceeds_amount`, `purchase.margin_disagrees_with_cost`).',
  })
  purchase(@Param('id', IdPipe) id: string, @Body() body: RecordPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RecordPurchase', data: plainData(body) });
  }

  @FactRoute({
    path: 'purchases/:orderId/refunds',
    summary: 'Refund a purchase',
    description:
      'Records PurchaseRefunded: part or all of an order, in its currency. The same refund again answers 200 with no events; another one under a taken refund id is 409 `duplicate`. ' +
      'Refused: an unknown order (404), another currency than the order (422 `refund.currency_mismatch`), more than remains to refund (422 `refund.exceeds_remaining`).',
  })
  refund(@Param('id', IdPipe) id: string, @Param('orderId', IdPipe) orderId: string, @Body() body: RefundPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RefundPurchase', data: { ...plainData(body), orderId } });
  }
}
