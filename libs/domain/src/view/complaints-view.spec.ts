import type { FileComplaint } from '../complaints/commands';
import { addStoreManager, expectView, registeredHistory, registeredView, storeManagerView } from '../testing/customer-history';
import type { ComplaintView } from './complaints-view';

const filedAt = '2024-03-02T10:00:00.000Z';
const t2 = '2024-03-02T11:00:00.000Z';
const t3 = '2024-03-02T12:00:00.000Z';
const t4 = '2024-03-02T13:00:00.000Z';
const t5 = '2024-03-03T09:00:00.000Z';
const t6 = '2024-03-04T09:00:00.000Z';

const file = (complaintId: string, severity: 'high' | 'low'): FileComplaint => ({
  type: 'FileComplaint',
  data: {
    complaintId,
    category: 'delivery',
    severity,
    channel: 'call',
    description: 'Two pallets of notebooks arrived a week late.',
    receivedBy: 'agent-wang',
  },
});

const filed: ComplaintView = {
  complaintId: 'cp-1',
  category: 'delivery',
  severity: 'high',
  channel: 'call',
  contactId: null,
  owner: 'agent-wang',
  status: 'filed',
  filedAt,
  dueAt: '2024-03-03T10:00:00.000Z',
  escalationLevel: 0,
  resolvedAt: null,
  closedAt: null,
  satisfaction: null,
};

const handled = () =>
  registeredHistory()
    .at(filedAt, file('cp-1', 'high'))
    .at(t2, { type: 'AcknowledgeComplaint', data: { complaintId: 'cp-1' } })
    .at(t3, { type: 'EscalateComplaint', data: { complaintId: 'cp-1', to: 'logistics-head', reason: 'Carrier.' } })
    .at(t4, { type: 'TransferComplaint', data: { complaintId: 'cp-1', to: 'agent-sun', reason: 'Logistics.' } });

describe('complaints in the view', () => {
  it('shows a filed complaint with its SLA due time, and files with a contact name it', () => {
    const history = registeredHistory()
      .at(filedAt, addStoreManager)
      .at(filedAt, { type: 'FileComplaint', data: { ...file('cp-1', 'high').data, contactId: 'ct-li' } });
    expectView(history.events, {
      ...registeredView,
      contacts: [storeManagerView(filedAt)],
      complaints: { openCount: 1, resolvedCount: 0, closedCount: 0, items: [{ ...filed, contactId: 'ct-li' }] },
      lastEventAt: filedAt,
      streamVersion: 2,
    });
  });

  it('follows acknowledgement, escalation and transfer: the owner changes, the due time does not', () => {
    expectView(handled().events, {
      ...registeredView,
      complaints: {
        openCount: 1,
        resolvedCount: 0,
        closedCount: 0,
        items: [{ ...filed, owner: 'agent-sun', status: 'escalated', escalationLevel: 1 }],
      },
      lastEventAt: t4,
      streamVersion: 4,
    });
  });

  it('counts a resolved complaint apart from open and closed ones', () => {
    const history = handled()
      .at(t4, file('cp-2', 'low'))
      .at(t5, { type: 'ResolveComplaint', data: { complaintId: 'cp-1', resolution: 'Credit note for the delay.' } });
    expectView(history.events, {
      ...registeredView,
      complaints: {
        openCount: 1,
        resolvedCount: 1,
        closedCount: 0,
        items: [
          { ...filed, owner: 'agent-sun', status: 'resolved', escalationLevel: 1, resolvedAt: t5 },
          { ...filed, complaintId: 'cp-2', severity: 'low', filedAt: t4, dueAt: '2024-03-09T13:00:00.000Z' },
        ],
      },
      lastEventAt: t5,
      streamVersion: 6,
    });
  });

  it('shows a closed complaint with the satisfaction given, and a reopened one open again with a new due time', () => {
    const closed = handled()
      .at(t5, { type: 'ResolveComplaint', data: { complaintId: 'cp-1', resolution: 'Credit note for the delay.' } })
      .at(t5, { type: 'CloseComplaint', data: { complaintId: 'cp-1', satisfaction: 2 } });
    const closedComplaint: ComplaintView = {
      ...filed,
      owner: 'agent-sun',
      status: 'closed',
      escalationLevel: 1,
      resolvedAt: t5,
      closedAt: t5,
      satisfaction: 2,
    };
    expectView(closed.events, {
      ...registeredView,
      complaints: { openCount: 0, resolvedCount: 0, closedCount: 1, items: [closedComplaint] },
      lastEventAt: t5,
      streamVersion: 6,
    });
    closed.at(t6, {
      type: 'ReopenComplaint',
      data: { complaintId: 'cp-1', reason: 'The credit note never came.' },
    });
    expectView(closed.events, {
      ...registeredView,
      complaints: {
        openCount: 1,
        resolvedCount: 0,
        closedCount: 0,
        items: [
          {
            ...closedComplaint,
            status: 'reopened',
            dueAt: '2024-03-05T09:00:00.000Z',
            resolvedAt: null,
            closedAt: null,
            satisfaction: null,
          },
        ],
      },
      lastEventAt: t6,
      streamVersion: 7,
    });
  });

  it('shows a complaint closed without a satisfaction as null satisfaction', () => {
    const history = handled()
      .at(t5, { type: 'ResolveComplaint', data: { complaintId: 'cp-1', resolution: 'Credit note for the delay.' } })
      .at(t6, { type: 'CloseComplaint', data: { complaintId: 'cp-1' } });
    expectView(history.events, {
      ...registeredView,
      complaints: {
        openCount: 0,
        resolvedCount: 0,
        closedCount: 1,
        items: [
          {
            ...filed,
            owner: 'agent-sun',
            status: 'closed',
            escalationLevel: 1,
            resolvedAt: t5,
            closedAt: t6,
            satisfaction: null,
          },
        ],
      },
      lastEventAt: t6,
      streamVersion: 6,
    });
  });
});
