import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
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

/** What refuses every step of a complaint but its reopening. */
const stepRefusals =
  'Refused: a complaint unknown (404) or closed (422 `complaint.already_closed`), a step dated before the previous one (422 `complaint.step_before_previous`).';

/** Complaints from filing to closing, with their SLA clock. */
@ApiTags('complaints')
@NeedsApiKey()
@Writers()
@Controller('v1/customers/:id')
export class ComplaintsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    path: 'complaints',
    summary: 'File a complaint',
    description:
      'Records ComplaintFiled with its category, severity and channel. 首问负责制: whoever received it (`receivedBy`) owns it until it is transferred. ' +
      'Its SLA due time follows from its severity (configurable; by default 4 h critical, 24 h high, 72 h medium, 168 h low). ' +
      'The same complaint again answers 200 with no events; another one under a taken id is 409 `duplicate`. ' +
      'Refused: a `contactId` naming an unknown or removed contact (422 `contact.unknown`, `contact.removed`).',
  })
  file(@Param('id', IdPipe) id: string, @Body() body: FileComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'FileComplaint', data: plainData(body) });
  }

  @FactRoute({
    path: 'complaints/:complaintId/acknowledge',
    summary: 'Acknowledge a complaint',
    description:
      'Records ComplaintAcknowledged: its owner has taken it up. Only a complaint just filed (422 `complaint.already_acknowledged`, `complaint.already_resolved`). ' + stepRefusals,
  })
  acknowledge(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: AcknowledgeComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'AcknowledgeComplaint', data: { complaintId } });
  }

  @FactRoute({
    path: 'complaints/:complaintId/escalate',
    summary: 'Escalate a complaint',
    description:
      'Records ComplaintEscalated to a supervisor, one level up. Only an acknowledged complaint still open (422 `complaint.not_acknowledged`, `complaint.already_resolved`). ' + stepRefusals,
  })
  escalate(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: HandOverComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'EscalateComplaint', data: { ...plainData(body), complaintId } });
  }

  @FactRoute({
    path: 'complaints/:complaintId/transfer',
    summary: 'Transfer a complaint',
    description:
      'Records ComplaintTransferred to a new owner. Only an acknowledged complaint still open (422 `complaint.not_acknowledged`, `complaint.already_resolved`), and not to its owner (422 `complaint.transfer_to_current_owner`). ' + stepRefusals,
  })
  transfer(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: HandOverComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'TransferComplaint', data: { ...plainData(body), complaintId } });
  }

  @FactRoute({
    path: 'complaints/:complaintId/resolve',
    summary: 'Resolve a complaint',
    description:
      'Records ComplaintResolved with the resolution. Only an acknowledged complaint still open (422 `complaint.not_acknowledged`, `complaint.already_resolved`). ' + stepRefusals,
  })
  resolve(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: ResolveComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'ResolveComplaint', data: { ...plainData(body), complaintId } });
  }

  @FactRoute({
    path: 'complaints/:complaintId/reopen',
    summary: 'Reopen a complaint',
    description:
      'Records ComplaintReopened with its reason; its SLA clock restarts. Only a resolved or closed complaint (422 `complaint.not_resolved`). ' +
      'Refused: an unknown complaint (404), a step dated before the previous one (422 `complaint.step_before_previous`).',
  })
  reopen(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: ReopenComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'ReopenComplaint', data: { ...plainData(body), complaintId } });
  }

  @FactRoute({
    path: 'complaints/:complaintId/close',
    summary: 'Close a complaint',
    description:
      'Records ComplaintClosed, with the customer\'s satisfaction with the handling (1-5) when given. Only a resolved complaint (422 `complaint.not_resolved`). ' + stepRefusals,
  })
  close(@Param('id', IdPipe) id: string, @Param('complaintId', IdPipe) complaintId: string, @Body() body: CloseComplaintDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'CloseComplaint', data: { ...plainData(body), complaintId } });
  }
}
