import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { RecordPurchaseDto, RefundPurchaseDto } from './purchases.dto';

/** Orders and refunds; an order id is unique per customer, a refund at most what remains. */
@ApiTags('purchases')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class PurchasesController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute('purchases')
  purchase(@Param('id', IdPipe) id: string, @Body() body: RecordPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RecordPurchase', data: plainData(body) }));
  }

  @FactRoute('purchases/:orderId/refunds')
  refund(@Param('id', IdPipe) id: string, @Param('orderId', IdPipe) orderId: string, @Body() body: RefundPurchaseDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RefundPurchase', data: { ...plainData(body), orderId } }));
  }
}
