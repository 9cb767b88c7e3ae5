import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { AddContactDto, ChangeRelationshipLevelDto, RemoveContactDto, UpdateContactDto } from './contacts.dto';

/** People inside the customer's organization and the org chart between them. */
@ApiTags('contacts')
@ApiBearerAuth()
@Writers()
@Controller('v1/customers/:id')
export class ContactsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute('contacts')
  add(@Param('id', IdPipe) id: string, @Body() body: AddContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'AddContact', data: plainData(body) }));
  }

  @FactRoute('contacts/:contactId')
  update(@Param('id', IdPipe) id: string, @Param('contactId', IdPipe) contactId: string, @Body() body: UpdateContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'UpdateContact', data: { ...plainData(body), contactId } }));
  }

  @FactRoute('contacts/:contactId/removal')
  remove(@Param('id', IdPipe) id: string, @Param('contactId', IdPipe) contactId: string, @Body() body: RemoveContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'RemoveContact', data: { ...plainData(body), contactId } }));
  }

  @FactRoute('relationship-level')
  relationshipLevel(@Param('id', IdPipe) id: string, @Body() body: ChangeRelationshipLevelDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, () => ({ type: 'ChangeRelationshipLevel', data: plainData(body) }));
  }
}
