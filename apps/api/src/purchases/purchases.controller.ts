import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { CustomerParams } from '../customers/customer-id';
import { HttpExchange, type Exchange } from '../http/exchange';
import { plainData } from '../http/plain';
import { OrderParams, RecordPurchaseDto, RefundPurchaseDto } from './purchases.dto';

/** Orders and refunds; an order id is unique per customer, a refund at most what remains. */
@ApiTags('purchases')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class PurchasesController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @Post('purchases')
  purchase(@Param() { id }: CustomerParams, @Body() body: RecordPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordPurchase', data: plainData(body) }));
  }

  @Post('purchases/:orderId/refunds')
  refund(@Param() { id, orderId }: OrderParams, @Body() body: RefundPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RefundPurchase', data: { ...plainData(body), orderId } }));
  }
}
