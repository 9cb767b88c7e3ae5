import { customerDecider } from '../customer-decider';
import type { CustomerEvent } from '../customer-stream';
import { BusinessRuleViolation, ContactErasedError, DuplicateConflict, NotFound } from '../shared/errors';
import { getKeyed } from '../shared/keyed';
import { given } from '../shared/specification';
import { contactAdded, purchaseRecorded, registered, untrusted } from '../testing/customer-fixtures';

const ceo = contactAdded('p-ceo', { level: 'executive', role: 'decision-maker' });
const itHead = contactAdded('p-it', { reportsTo: 'p-ceo', role: 'technical' });
const buyer = contactAdded('p-buyer', { reportsTo: 'p-it', role: 'user', level: 'staff' });
const orgChart: CustomerEvent[] = [registered, ceo, itHead, buyer];
const removed = (contactId: string): CustomerEvent => ({
  type: 'ContactRemoved',
  data: { contactId, reason: 'left-company' },
});
const erased = (contactId: string): CustomerEvent => ({
  type: 'ContactErased',
  data: { contactId, basis: 'data-subject-request' },
});
const moved = (contactId: string, reportsTo: string): CustomerEvent => ({
  type: 'ContactUpdated',
  data: { contactId, reportsTo },
});

describe('AddContact', () => {
  it('adds a person to the org chart', () => {
    given(customerDecider, [registered, ceo])
      .when({
        type: 'AddContact',
        data: {
          contactId: 'p-cfo',
          name: '王芳',
          title: 'CFO',
          level: 'executive',
          role: 'decision-maker',
          reportsTo: 'p-ceo',
          internalChampion: true,
        },
      })
      .then([
        {
          type: 'ContactAdded',
          data: {
            contactId: 'p-cfo',
            name: '王芳',
            title: 'CFO',
            level: 'executive',
            role: 'decision-maker',
            reportsTo: 'p-ceo',
            internalChampion: true,
          },
        },
      ]);
  });

  it('records nothing when an identical add is retried, even after later changes', () => {
    given(customerDecider, [...orgChart, { type: 'ContactUpdated', data: { contactId: 'p-buyer', title: 'Lead buyer' } }])
      .when({ type: 'AddContact', data: buyer.data })
      .then([]);
  });

  it('refuses a different contact under a taken id', () => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: { ...buyer.data, name: 'Someone else' } })
      .thenThrows(DuplicateConflict, { entity: 'contact', id: 'p-buyer' });
  });

  it('keeps the id of a removed contact taken', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'AddContact', data: { ...buyer.data, name: 'A new buyer' } })
      .thenThrows(DuplicateConflict, { entity: 'contact', id: 'p-buyer' });
  });

  it('needs reportsTo to name a contact of this customer: a field at fault, not a missing resource', () => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: contactAdded('p-new', { reportsTo: 'p-ghost' }).data })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'reportsTo' });
  });

  it('needs reportsTo to name a contact not removed', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'AddContact', data: contactAdded('p-new', { reportsTo: 'p-buyer' }).data })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'reportsTo' });
  });

  it('refuses a contact reporting to itself', () => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: contactAdded('p-new', { reportsTo: 'p-new' }).data })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.reports_to_cycle', path: 'reportsTo' });
  });

  it.each([
    ['level', { level: untrusted<'staff'>('intern') }],
    ['role', { role: untrusted<'user'>('spy') }],
  ])('accepts only known values of %s', (path, more) => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: contactAdded('p-new', more).data })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path });
  });

  it('needs a name', () => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: contactAdded('p-new', { name: '' }).data })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'name' });
  });

  it('records a birthday', () => {
    given(customerDecider, orgChart)
      .when({ type: 'AddContact', data: contactAdded('p-new', { birthday: '1982-11-03' }).data })
      .then([contactAdded('p-new', { birthday: '1982-11-03' })]);
  });

  it.each(['1982-02-29', '1982-11-3', '03.11.1982', '1982-11-03T00:00:00Z'])(
    'refuses a birthday that is no calendar date YYYY-MM-DD: %s',
    (birthday) => {
      given(customerDecider, orgChart)
        .when({ type: 'AddContact', data: contactAdded('p-new', { birthday }).data })
        .thenThrows(BusinessRuleViolation, { rule: 'value.not_a_date', path: 'birthday' });
    },
  );
});

describe('UpdateContact', () => {
  it('records the fields that change', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', title: 'Lead buyer', reportsTo: 'p-ceo' } })
      .then([{ type: 'ContactUpdated', data: { contactId: 'p-buyer', title: 'Lead buyer', reportsTo: 'p-ceo' } }]);
  });

  it('moves a contact to the top of the org chart with reportsTo null', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-it', reportsTo: null } })
      .then([{ type: 'ContactUpdated', data: { contactId: 'p-it', reportsTo: null } }]);
  });

  it('refuses a move that makes the org chart loop', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-ceo', reportsTo: 'p-buyer' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.reports_to_cycle', path: 'reportsTo' });
  });

  it('follows earlier moves when looking for a loop', () => {
    given(customerDecider, [...orgChart, moved('p-buyer', 'p-ceo')])
      .when({ type: 'UpdateContact', data: { contactId: 'p-it', reportsTo: 'p-buyer' } })
      .then([{ type: 'ContactUpdated', data: { contactId: 'p-it', reportsTo: 'p-buyer' } }]);
  });

  it('needs reportsTo to name a contact of this customer, not removed', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', reportsTo: 'p-ghost' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'reportsTo' });
    given(customerDecider, [...orgChart, contactAdded('p-old'), removed('p-old')])
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', reportsTo: 'p-old' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'reportsTo' });
  });

  it('refuses an unknown contact', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-ghost', title: 'CTO' } })
      .thenThrows(NotFound, { entity: 'contact', id: 'p-ghost' });
  });

  it('refuses a removed contact', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', title: 'CTO' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed' });
  });

  it('must change something', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.empty_update' });
  });

  it('checks the values it changes', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', role: untrusted<'user'>('mole') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'role' });
  });

  it('records a new birthday', () => {
    given(customerDecider, [...orgChart, contactAdded('p-new', { birthday: '1982-11-03' })])
      .when({ type: 'UpdateContact', data: { contactId: 'p-new', birthday: '1982-11-30' } })
      .then([{ type: 'ContactUpdated', data: { contactId: 'p-new', birthday: '1982-11-30' } }]);
  });

  it('clears the birthday with birthday null, as on the profile card', () => {
    given(customerDecider, [...orgChart, contactAdded('p-new', { birthday: '1982-11-03' })])
      .when({ type: 'UpdateContact', data: { contactId: 'p-new', birthday: null } })
      .then([{ type: 'ContactUpdated', data: { contactId: 'p-new', birthday: null } }]);
  });

  it('refuses a birthday that is no calendar date', () => {
    given(customerDecider, orgChart)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', birthday: '1982-04-31' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_a_date', path: 'birthday' });
  });
});

describe('RemoveContact', () => {
  it('removes a contact nobody reports to', () => {
    given(customerDecider, orgChart)
      .when({ type: 'RemoveContact', data: { contactId: 'p-buyer', reason: 'left-company' } })
      .then([removed('p-buyer')]);
  });

  it('refuses a contact others report to, until they are moved', () => {
    given(customerDecider, orgChart)
      .when({ type: 'RemoveContact', data: { contactId: 'p-it', reason: 'changed-role' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.has_reports' });
    given(customerDecider, [...orgChart, moved('p-buyer', 'p-ceo')])
      .when({ type: 'RemoveContact', data: { contactId: 'p-it', reason: 'changed-role' } })
      .then([{ type: 'ContactRemoved', data: { contactId: 'p-it', reason: 'changed-role' } }]);
  });

  it('does not count removed contacts as reports', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'RemoveContact', data: { contactId: 'p-it', reason: 'left-company' } })
      .then([removed('p-it')]);
  });

  it('refuses a contact removed already', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'RemoveContact', data: { contactId: 'p-buyer', reason: 'left-company' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed' });
  });

  it('refuses an unknown contact', () => {
    given(customerDecider, orgChart)
      .when({ type: 'RemoveContact', data: { contactId: 'p-ghost', reason: 'duplicate' } })
      .thenThrows(NotFound, { entity: 'contact', id: 'p-ghost' });
  });

  it('accepts only known reasons', () => {
    given(customerDecider, orgChart)
      .when({ type: 'RemoveContact', data: { contactId: 'p-buyer', reason: untrusted('fired') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'reason' });
  });
});

describe('ChangeRelationshipLevel', () => {
  it('raises the relationship with a contact, from stranger at first', () => {
    given(customerDecider, orgChart)
      .when({ type: 'ChangeRelationshipLevel', data: { contactId: 'p-ceo', level: 'acquaintance' } })
      .then([
        {
          type: 'RelationshipLevelChanged',
          data: { level: 'acquaintance', previousLevel: 'stranger', contactId: 'p-ceo' },
        },
      ]);
  });

  it('changes the relationship with the customer itself when no contact is named', () => {
    given(customerDecider, [
      ...orgChart,
      { type: 'RelationshipLevelChanged', data: { level: 'friend', previousLevel: 'stranger', contactId: 'p-ceo' } },
    ])
      .when({ type: 'ChangeRelationshipLevel', data: { level: 'acquaintance' } })
      .then([{ type: 'RelationshipLevelChanged', data: { level: 'acquaintance', previousLevel: 'stranger' } }]);
  });

  it('records nothing when the level is unchanged', () => {
    given(customerDecider, [
      ...orgChart,
      { type: 'RelationshipLevelChanged', data: { level: 'friend', previousLevel: 'stranger', contactId: 'p-ceo' } },
    ])
      .when({ type: 'ChangeRelationshipLevel', data: { contactId: 'p-ceo', level: 'friend' } })
      .then([]);
  });

  it('accepts only stranger, acquaintance, friend or confidant', () => {
    given(customerDecider, orgChart)
      .when({ type: 'ChangeRelationshipLevel', data: { level: untrusted('soulmate') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'level' });
  });

  it('needs the contact to be known and not removed', () => {
    given(customerDecider, orgChart)
      .when({ type: 'ChangeRelationshipLevel', data: { contactId: 'p-ghost', level: 'friend' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'ChangeRelationshipLevel', data: { contactId: 'p-buyer', level: 'friend' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });
});

describe('EraseContact', () => {
  it("records the contact's erasure with its legal basis and no personal data", () => {
    given(customerDecider, orgChart)
      .when({ type: 'EraseContact', data: { contactId: 'p-buyer', basis: 'data-subject-request' } })
      .then([erased('p-buyer')]);
  });

  it('leaves the customer registered and taking commands', () => {
    const after = [...orgChart, erased('p-buyer')];
    given(customerDecider, after)
      .when({ type: 'RecordPurchase', data: purchaseRecorded('o-1').data })
      .then([purchaseRecorded('o-1')]);
    given(customerDecider, after)
      .when({ type: 'AddContact', data: contactAdded('p-new', { reportsTo: 'p-it' }).data })
      .then([contactAdded('p-new', { reportsTo: 'p-it' })]);
  });

  it('erases a removed contact too: people ask once they have left', () => {
    given(customerDecider, [...orgChart, removed('p-buyer')])
      .when({ type: 'EraseContact', data: { contactId: 'p-buyer', basis: 'retention-period-ended' } })
      .then([{ type: 'ContactErased', data: { contactId: 'p-buyer', basis: 'retention-period-ended' } }]);
  });

  it('erases a contact others report to: the org chart keeps its place, without the person', () => {
    given(customerDecider, orgChart)
      .when({ type: 'EraseContact', data: { contactId: 'p-it', basis: 'data-subject-request' } })
      .then([erased('p-it')]);
    given(customerDecider, [...orgChart, erased('p-it')])
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', reportsTo: 'p-ceo' } })
      .then([moved('p-buyer', 'p-ceo')]);
  });

  it('records nothing for a contact erased already, whatever the basis', () => {
    for (const basis of ['data-subject-request', 'legal-obligation'] as const) {
      given(customerDecider, [...orgChart, erased('p-buyer')])
        .when({ type: 'EraseContact', data: { contactId: 'p-buyer', basis } })
        .then([]);
    }
  });

  it('refuses an unknown contact', () => {
    given(customerDecider, orgChart)
      .when({ type: 'EraseContact', data: { contactId: 'p-ghost', basis: 'data-subject-request' } })
      .thenThrows(NotFound, { entity: 'contact', id: 'p-ghost' });
  });

  it('needs a known legal basis', () => {
    given(customerDecider, orgChart)
      .when({ type: 'EraseContact', data: { contactId: 'p-buyer', basis: untrusted('tidy-up') } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path: 'basis' });
  });

  it('leaves the erased contact no command of their own: update, removal, a new add under their id', () => {
    const after = [...orgChart, erased('p-buyer')];
    given(customerDecider, after)
      .when({ type: 'UpdateContact', data: { contactId: 'p-buyer', title: 'CTO' } })
      .thenThrows(ContactErasedError, { contactId: 'p-buyer' });
    given(customerDecider, after)
      .when({ type: 'RemoveContact', data: { contactId: 'p-buyer', reason: 'left-company' } })
      .thenThrows(ContactErasedError, { contactId: 'p-buyer' });
    given(customerDecider, after).when({ type: 'AddContact', data: buyer.data }).thenThrows(ContactErasedError, { contactId: 'p-buyer' });
  });

  it('lets no new fact name the erased contact: a field at fault', () => {
    const after = [...orgChart, erased('p-buyer')];
    given(customerDecider, after)
      .when({ type: 'AddContact', data: contactAdded('p-new', { reportsTo: 'p-buyer' }).data })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.erased', path: 'reportsTo' });
    given(customerDecider, after)
      .when({ type: 'ChangeRelationshipLevel', data: { contactId: 'p-buyer', level: 'friend' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.erased', path: 'contactId' });
    given(customerDecider, after)
      .when({ type: 'RecordInteraction', data: { channel: 'call', direction: 'outbound', purpose: 'care', summary: 'Hi.', contactId: 'p-buyer' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.erased', path: 'contactId' });
  });

  it('keeps no fingerprint of the personal data it erased', () => {
    const folded = [...orgChart, erased('p-buyer')].reduce(
      (s, event) => customerDecider.evolve(s, { ...event, metadata: { occurredAt: '2024-03-01T09:00:00.000Z' } }),
      customerDecider.initialState(),
    );
    if (folded.status !== 'registered') throw new Error('The customer is registered.');
    expect(getKeyed(folded.contacts.byId, 'p-buyer')).toEqual({ added: '', reportsTo: 'p-it', removed: false, erased: true, relationshipLevel: 'stranger' });
  });
});
