import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import {
  AcknowledgeComplaintDto,
  CloseComplaintDto,
  FileComplaintDto,
  HandOverComplaintDto,
  ReopenComplaintDto,
  ResolveComplaintDto,
} from './complaints.dto';

/** Complaints from filing to closing, with their SLA clock. */
@ApiTags('complaints')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class ComplaintsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute('complaints')
  file(@Param('id', IdPipe) id: string, @Body() body: FileComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, (occurredAt) => ({ type: 'FileComplaint', data: { ...plainData(body), occurredAt } }));
  }

  @FactRoute('complaints/:complaintId/acknowledge')
  acknowledge(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() _body: AcknowledgeComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'AcknowledgeComplaint', data: { complaintId } }));
  }

  @FactRoute('complaints/:complaintId/escalate')
  escalate(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: HandOverComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'EscalateComplaint', data: { ...plainData(body), complaintId } }));
  }

  @FactRoute('complaints/:complaintId/transfer')
  transfer(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: HandOverComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'TransferComplaint', data: { ...plainData(body), complaintId } }));
  }

  @FactRoute('complaints/:complaintId/resolve')
  resolve(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: ResolveComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'ResolveComplaint', data: { ...plainData(body), complaintId } }));
  }

  @FactRoute('complaints/:complaintId/reopen')
  reopen(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: ReopenComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, (occurredAt) => ({
      type: 'ReopenComplaint',
      data: { ...plainData(body), complaintId, occurredAt },
    }));
  }

  @FactRoute('complaints/:complaintId/close')
  close(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: CloseComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'CloseComplaint', data: { ...plainData(body), complaintId } }));
  }
}
