import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Writers } from '../auth/roles';
import { CustomerCommandGateway } from '../customers/customer-command-gateway';
import { HttpExchange, type Exchange } from '../http/exchange';
import { FactRoute, NeedsApiKey } from '../http/openapi';
import { IdPipe } from '../http/id.pipe';
import { plainData } from '../http/plain';
import { AddContactDto, ChangeRelationshipLevelDto, EraseContactDto, RemoveContactDto, UpdateContactDto } from './contacts.dto';

/** People inside the customer's organization and the org chart between them. */
@ApiTags('contacts')
@NeedsApiKey()
@Writers()
@Controller('v1/customers/:id')
export class ContactsController {
  constructor(private readonly gateway: CustomerCommandGateway) {}

  @FactRoute({
    path: 'contacts',
    summary: 'Add a contact',
    description:
      'Records ContactAdded: a person inside the customer, with level, role and whom they report to in the org chart; name, title, phone, email and birthday are personal data. ' +
      'The same contact again answers 200 with no events; another one under a taken id is 409 `duplicate`. ' +
      'Refused: `reportsTo` naming an unknown or removed contact (422 `contact.unknown`, `contact.removed`) or the contact itself (422 `contact.reports_to_cycle`).',
  })
  add(@Param('id', IdPipe) id: string, @Body() body: AddContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'AddContact', data: plainData(body) });
  }

  @FactRoute({
    path: 'contacts/:contactId',
    summary: 'Update a contact',
    description:
      'Records ContactUpdated with the fields given; `reportsTo: null` moves the contact to the top of the org chart, `birthday: null` clears it. ' +
      'Refused: an update naming no field (422 `contact.empty_update`), a removed contact (422 `contact.removed`), ' +
      'a `reportsTo` that is unknown, removed, or would make the org chart loop (422 `contact.unknown`, `contact.removed`, `contact.reports_to_cycle`).',
  })
  update(@Param('id', IdPipe) id: string, @Param('contactId', IdPipe) contactId: string, @Body() body: UpdateContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'UpdateContact', data: { ...plainData(body), contactId } });
  }

  @FactRoute({
    path: 'contacts/:contactId/removal',
    summary: 'Remove a contact',
    description:
      'Records ContactRemoved with its reason; the contact stays in the view, marked removed, so that the history still names someone. ' +
      'Refused: a contact others report to (422 `contact.has_reports`: move them first), one removed already (422 `contact.removed`).',
  })
  remove(@Param('id', IdPipe) id: string, @Param('contactId', IdPipe) contactId: string, @Body() body: RemoveContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'RemoveContact', data: { ...plainData(body), contactId } });
  }

  @FactRoute({
    path: 'contacts/:contactId/erasure',
    summary: "Erase a contact's personal data (the contact's own request)",
    description:
      "Records ContactErased with its legal basis and destroys the key of the contact's own personal data (name, title, phone, email, birthday) in the same transaction: " +
      'from then on those fields read as null in every event, every read model and every export, and the contact is shown erased, without them; the customer and the rest of its data stay. ' +
      'A removed contact may be erased too; one erased already answers 200 with no events. ' +
      'Afterwards the contact takes no command (410 `contact-erased`) and no fact may name them (422 `contact.erased`). Unknown: 404.',
  })
  erase(@Param('id', IdPipe) id: string, @Param('contactId', IdPipe) contactId: string, @Body() body: EraseContactDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'EraseContact', data: { ...plainData(body), contactId } });
  }

  @FactRoute({
    path: 'relationship-level',
    summary: 'Change the relationship level',
    description:
      'Records RelationshipLevelChanged (过客/熟人/朋友/知己: stranger, acquaintance, friend, confidant) of the customer, or of one of its contacts when `contactId` names one. ' +
      'The level it has already answers 200 with no events. Refused: an unknown or removed contact (422 `contact.unknown`, `contact.removed`).',
  })
  relationshipLevel(@Param('id', IdPipe) id: string, @Body() body: ChangeRelationshipLevelDto, @HttpExchange() http: Exchange) {
    return this.gateway.record(http, id, body, { type: 'ChangeRelationshipLevel', data: plainData(body) });
  }
}
