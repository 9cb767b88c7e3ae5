import { expectView, foldView, registeredHistory, registeredView } from '../testing/customer-history';
import type { ContactView } from './contacts-view';

const t1 = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-03T11:00:00.000Z';
const t3 = '2024-03-04T12:00:00.000Z';

const withTwoContacts = () =>
  registeredHistory().at(
    t1,
    {
      type: 'AddContact',
      data: {
        contactId: 'ct-li',
        name: '李经理',
        title: 'Store manager',
        level: 'executive',
        role: 'decision-maker',
        internalChampion: true,
        phone: '0571-88000001',
        email: 'li@yigao.example',
        birthday: '1978-09-12',
      },
    },
    {
      type: 'AddContact',
      data: { contactId: 'ct-zhao', name: '赵工', level: 'staff', role: 'technical', reportsTo: 'ct-li' },
    },
  );

const li: ContactView = {
  contactId: 'ct-li',
  name: '李经理',
  title: 'Store manager',
  level: 'executive',
  role: 'decision-maker',
  reportsTo: null,
  internalChampion: true,
  phone: '0571-88000001',
  email: 'li@yigao.example',
  birthday: '1978-09-12',
  relationshipLevel: 'stranger',
  addedAt: t1,
  removed: null,
  erased: null,
};

const zhao: ContactView = {
  contactId: 'ct-zhao',
  name: '赵工',
  title: null,
  level: 'staff',
  role: 'technical',
  reportsTo: 'ct-li',
  internalChampion: false,
  phone: null,
  email: null,
  birthday: null,
  relationshipLevel: 'stranger',
  addedAt: t1,
  removed: null,
  erased: null,
};

describe('contacts in the view', () => {
  it('lists contacts in the order added, what they leave out null, not champions unless said', () => {
    const history = withTwoContacts();
    expectView(history.events, { ...registeredView, contacts: [li, zhao], lastEventAt: t1, streamVersion: 2 });
  });

  it('changes only the fields an update names, and moves a contact to the top with reportsTo null', () => {
    const history = withTwoContacts()
      .at(t2, {
        type: 'UpdateContact',
        data: {
          contactId: 'ct-zhao',
          title: 'IT lead',
          level: 'middle',
          email: 'zhao@yigao.example',
          birthday: '1990-02-28',
        },
      })
      .at(t3, { type: 'UpdateContact', data: { contactId: 'ct-zhao', reportsTo: null, internalChampion: true } });
    expectView(history.events, {
      ...registeredView,
      contacts: [
        li,
        {
          ...zhao,
          title: 'IT lead',
          level: 'middle',
          reportsTo: null,
          internalChampion: true,
          email: 'zhao@yigao.example',
          birthday: '1990-02-28',
        },
      ],
      lastEventAt: t3,
      streamVersion: 4,
    });
  });

  it('clears a birthday updated to null, and reads one erased from the stored event as null', () => {
    const cleared = withTwoContacts().at(t2, { type: 'UpdateContact', data: { contactId: 'ct-li', birthday: null } });
    expectView(cleared.events, {
      ...registeredView,
      contacts: [{ ...li, birthday: null }, zhao],
      lastEventAt: t2,
      streamVersion: 3,
    });
    const erased = withTwoContacts().events.map((event) =>
      event.type === 'ContactAdded' ? { ...event, data: { ...(event.data as object), birthday: null } } : event,
    );
    expectView(erased, {
      ...registeredView,
      contacts: [{ ...li, birthday: null }, zhao],
      lastEventAt: t1,
      streamVersion: 2,
    });
  });

  it('keeps a removed contact in its place, marked with the reason and time', () => {
    const history = withTwoContacts().at(t2, {
      type: 'RemoveContact',
      data: { contactId: 'ct-zhao', reason: 'left-company' },
    });
    expectView(history.events, {
      ...registeredView,
      contacts: [li, { ...zhao, removed: { reason: 'left-company', at: t2 } }],
      lastEventAt: t2,
      streamVersion: 3,
    });
  });

  it('keeps an erased contact in its place with every personal field null, says when and why; the customer stays active', () => {
    const history = withTwoContacts()
      .at(t2, { type: 'ChangeRelationshipLevel', data: { level: 'friend', contactId: 'ct-li' } })
      .at(t3, { type: 'EraseContact', data: { contactId: 'ct-li', basis: 'data-subject-request' } });
    expectView(history.events, {
      ...registeredView,
      contacts: [
        {
          ...li,
          name: null,
          title: null,
          phone: null,
          email: null,
          birthday: null,
          relationshipLevel: 'friend',
          erased: { basis: 'data-subject-request', at: t3 },
        },
        zhao,
      ],
      lastEventAt: t3,
      streamVersion: 4,
    });
    // Read back after the shredding, the stored events hold the contact's fields as null: the same view.
    const shredded = history.events.map((event) =>
      (event.type === 'ContactAdded' || event.type === 'ContactUpdated') && (event.data as { contactId: string }).contactId === 'ct-li'
        ? { ...event, data: { ...(event.data as object), name: null, title: null, phone: null, email: null, birthday: null } }
        : event,
    );
    expect(foldView(shredded)).toStrictEqual(foldView(history.events));
  });

  it("keeps the customer's relationship level apart from each contact's", () => {
    const history = withTwoContacts()
      .at(t2, { type: 'ChangeRelationshipLevel', data: { level: 'acquaintance' } })
      .at(t3, { type: 'ChangeRelationshipLevel', data: { level: 'confidant', contactId: 'ct-li' } });
    expectView(history.events, {
      ...registeredView,
      relationshipLevel: 'acquaintance',
      contacts: [{ ...li, relationshipLevel: 'confidant' }, zhao],
      lastEventAt: t3,
      streamVersion: 4,
    });
  });
});
