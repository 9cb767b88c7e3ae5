import { customerDecider } from '../customer-decider';
import type { CustomerEvent } from '../customer-stream';
import { BusinessRuleViolation, DuplicateConflict, NotFound } from '../shared/errors';
import { given, stampedAt } from '../shared/specification';
import { complaintFiled, contactAdded, filedAt, registered, untrusted } from '../testing/customer-fixtures';
import type {
  AcknowledgeComplaint,
  CloseComplaint,
  ComplaintCommand,
  EscalateComplaint,
  FileComplaint,
  ReopenComplaint,
  ResolveComplaint,
  TransferComplaint,
} from './commands';

const complaintId = 'k-1';
const filed = complaintFiled(complaintId);
const acknowledged: CustomerEvent = { type: 'ComplaintAcknowledged', data: { complaintId } };
const escalated: CustomerEvent = {
  type: 'ComplaintEscalated',
  data: { complaintId, level: 1, to: 'regional-manager', reason: 'Customer threatens to switch.' },
};
const transferred: CustomerEvent = {
  type: 'ComplaintTransferred',
  data: { complaintId, from: 'agent-wang', to: 'logistics-chen', reason: 'Carrier issue.' },
};
const resolved: CustomerEvent = { type: 'ComplaintResolved', data: { complaintId, resolution: 'Freight refunded.' } };
const closed: CustomerEvent = { type: 'ComplaintClosed', data: { complaintId } };
const reopened: CustomerEvent = {
  type: 'ComplaintReopened',
  data: { complaintId, reason: 'Refund never arrived.', dueAt: '2024-03-11T09:00:00.000Z' },
};

const file: FileComplaint = {
  type: 'FileComplaint',
  data: {
    complaintId,
    category: 'delivery',
    severity: 'high',
    channel: 'call',
    description: 'Two pallets of notebooks arrived a week late.',
    receivedBy: 'agent-wang',
  },
};
const acknowledge: AcknowledgeComplaint = { type: 'AcknowledgeComplaint', data: { complaintId } };
const escalate: EscalateComplaint = {
  type: 'EscalateComplaint',
  data: { complaintId, to: 'regional-manager', reason: 'Customer threatens to switch.' },
};
const transfer: TransferComplaint = {
  type: 'TransferComplaint',
  data: { complaintId, to: 'logistics-chen', reason: 'Carrier issue.' },
};
const resolve: ResolveComplaint = { type: 'ResolveComplaint', data: { complaintId, resolution: 'Freight refunded.' } };
const close: CloseComplaint = { type: 'CloseComplaint', data: { complaintId } };
const reopen: ReopenComplaint = { type: 'ReopenComplaint', data: { complaintId, reason: 'Refund never arrived.' } };
const reopening = { occurredAt: '2024-03-10T09:00:00Z' };

describe('FileComplaint', () => {
  it('files a complaint owned by whoever received it, due by the SLA of its severity', () => {
    given(customerDecider, [registered]).when(file, { occurredAt: filedAt }).then([filed]);
  });

  it.each([
    ['critical', '2024-03-01T13:00:00.000Z'],
    ['high', '2024-03-02T09:00:00.000Z'],
    ['medium', '2024-03-04T09:00:00.000Z'],
    ['low', '2024-03-08T09:00:00.000Z'],
  ] as const)('makes a %s complaint due at %s by default', (severity, dueAt) => {
    given(customerDecider, [registered])
      .when({ type: 'FileComplaint', data: { ...file.data, severity } }, { occurredAt: filedAt })
      .then([complaintFiled(complaintId, { severity, dueAt })]);
  });

  it('counts the SLA from the filing instant in any time zone, due in UTC', () => {
    given(customerDecider, [registered])
      .when(file, { occurredAt: '2024-03-01T17:00:00+08:00' })
      .then([filed]);
  });

  it('names the complaining contact, who must be known and not removed', () => {
    given(customerDecider, [registered, contactAdded('p-1')])
      .when({ type: 'FileComplaint', data: { ...file.data, contactId: 'p-1' } }, { occurredAt: filedAt })
      .then([complaintFiled(complaintId, { contactId: 'p-1' })]);
    given(customerDecider, [registered])
      .when({ type: 'FileComplaint', data: { ...file.data, contactId: 'p-1' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.unknown', path: 'contactId' });
    given(customerDecider, [
      registered,
      contactAdded('p-1'),
      { type: 'ContactRemoved', data: { contactId: 'p-1', reason: 'left-company' } },
    ])
      .when({ type: 'FileComplaint', data: { ...file.data, contactId: 'p-1' } })
      .thenThrows(BusinessRuleViolation, { rule: 'contact.removed', path: 'contactId' });
  });

  it('records nothing when an identical filing is retried, whenever it is sent', () => {
    given(customerDecider, [registered, filed, acknowledged])
      .when(file, { occurredAt: '2024-03-01T09:05:00Z' })
      .then([]);
  });

  it('refuses a different complaint under a taken id', () => {
    given(customerDecider, [registered, filed])
      .when({ type: 'FileComplaint', data: { ...file.data, severity: 'critical' } })
      .thenThrows(DuplicateConflict, { entity: 'complaint', id: complaintId });
  });

  it.each([
    ['category', { category: untrusted<'delivery'>('weather') }],
    ['severity', { severity: untrusted<'low'>('apocalyptic') }],
    ['channel', { channel: untrusted<'call'>('pigeon') }],
  ])('accepts only known values of %s', (path, change) => {
    given(customerDecider, [registered])
      .when({ type: 'FileComplaint', data: { ...file.data, ...change } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_allowed', path });
  });

  it.each(['description', 'receivedBy', 'complaintId'] as const)('needs %s', (path) => {
    given(customerDecider, [registered])
      .when({ type: 'FileComplaint', data: { ...file.data, [path]: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path });
  });

  it('needs the filing instant', () => {
    given(customerDecider, [registered])
      .when(file, { occurredAt: 'yesterday' })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_an_instant', path: 'occurredAt' });
  });
});

describe('every step after filing', () => {
  const unknown = 'k-404';
  const steps: ComplaintCommand[] = [
    { ...acknowledge, data: { complaintId: unknown } },
    { ...escalate, data: { ...escalate.data, complaintId: unknown } },
    { ...transfer, data: { ...transfer.data, complaintId: unknown } },
    { ...resolve, data: { ...resolve.data, complaintId: unknown } },
    { ...close, data: { complaintId: unknown } },
    { ...reopen, data: { ...reopen.data, complaintId: unknown } },
  ];

  it.each(steps.map((command) => [command.type, command]))('%s refuses an unknown complaint', (_type, command) => {
    given(customerDecider, [registered, filed])
      .when(command)
      .thenThrows(NotFound, { entity: 'complaint', id: unknown });
  });
});

describe('the business time of every step after filing', () => {
  const steppedAt = '2024-03-01T10:00:00.000Z';
  /** Each step, the steps it follows, and what it records when taken at the instant of the one before. */
  const steps: [ComplaintCommand['type'], CustomerEvent[], ComplaintCommand, CustomerEvent[]][] = [
    ['AcknowledgeComplaint', [], acknowledge, [acknowledged]],
    ['EscalateComplaint', [acknowledged], escalate, [escalated]],
    ['TransferComplaint', [acknowledged, escalated], transfer, [transferred]],
    ['ResolveComplaint', [acknowledged, transferred], resolve, [resolved]],
    ['CloseComplaint', [acknowledged, resolved], close, [closed]],
    [
      'ReopenComplaint',
      [acknowledged, resolved, closed],
      reopen,
      [{ type: 'ComplaintReopened', data: { ...reopen.data, dueAt: '2024-03-02T10:00:00.000Z' } }],
    ],
  ];
  /** Filed at `filedAt` (09:00), the steps before taken at `steppedAt` (10:00). */
  const history = (before: CustomerEvent[]) => [
    registered,
    stampedAt(filedAt, filed),
    ...before.map((event) => stampedAt(steppedAt, event)),
  ];
  const previousAt = (before: CustomerEvent[]) => (before.length === 0 ? filedAt : steppedAt);
  const oneMsBefore = (at: string) => new Date(Date.parse(at) - 1).toISOString();

  it.each(steps)('%s may happen at the very instant of the filing or the step it follows', (_type, before, command, then) => {
    given(customerDecider, history(before)).when(command, { occurredAt: previousAt(before) }).then(then);
  });

  it.each(steps)('%s is refused 1 ms before the filing or the step it follows', (_type, before, command) => {
    given(customerDecider, history(before))
      .when(command, { occurredAt: oneMsBefore(previousAt(before)) })
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.step_before_previous', path: 'occurredAt' });
  });

  it.each(steps)('%s is refused before the filing', (_type, before, command) => {
    given(customerDecider, history(before))
      .when(command, { occurredAt: '2024-03-01T08:59:59.999Z' })
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.step_before_previous', path: 'occurredAt' });
  });

  it('compares instants, not text: 17:59:59.999+08:00 comes before 10:00Z', () => {
    given(customerDecider, history([acknowledged]))
      .when(escalate, { occurredAt: '2024-03-01T17:59:59.999+08:00' })
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.step_before_previous', path: 'occurredAt' });
    given(customerDecider, history([acknowledged]))
      .when(escalate, { occurredAt: '2024-03-01T18:00:00+08:00' })
      .then([escalated]);
  });

  it('follows the latest step by business time, even of steps stored out of order before the rule', () => {
    given(customerDecider, [...history([acknowledged]), stampedAt('2024-03-01T09:30:00.000Z', escalated)])
      .when(resolve, { occurredAt: '2024-03-01T09:45:00.000Z' })
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.step_before_previous', path: 'occurredAt' });
  });

  it("follows the complaint's own steps, not those of another complaint", () => {
    given(customerDecider, [
      ...history([]),
      stampedAt('2024-03-05T09:00:00.000Z', complaintFiled('k-2')),
      stampedAt('2024-03-05T09:00:00.000Z', { type: 'ComplaintAcknowledged', data: { complaintId: 'k-2' } }),
    ])
      .when(acknowledge, { occurredAt: steppedAt })
      .then([acknowledged]);
  });

  it('needs the business time as an instant with a zone', () => {
    given(customerDecider, history([]))
      .when(acknowledge, { occurredAt: '2024-03-01 10:00' })
      .thenThrows(BusinessRuleViolation, { rule: 'value.not_an_instant', path: 'occurredAt' });
  });
});

describe('AcknowledgeComplaint', () => {
  it('acknowledges a filed complaint', () => {
    given(customerDecider, [registered, filed]).when(acknowledge).then([acknowledged]);
  });

  it.each([
    ['acknowledged', [acknowledged], 'complaint.already_acknowledged'],
    ['escalated', [acknowledged, escalated], 'complaint.already_acknowledged'],
    ['reopened', [acknowledged, resolved, reopened], 'complaint.already_acknowledged'],
    ['resolved', [acknowledged, resolved], 'complaint.already_resolved'],
    ['closed', [acknowledged, resolved, closed], 'complaint.already_closed'],
  ])('acknowledges only a filed complaint, not an %s one', (_status, history, rule) => {
    given(customerDecider, [registered, filed, ...history])
      .when(acknowledge)
      .thenThrows(BusinessRuleViolation, { rule });
  });
});

describe('EscalateComplaint', () => {
  it('escalates an acknowledged complaint to level 1', () => {
    given(customerDecider, [registered, filed, acknowledged]).when(escalate).then([escalated]);
  });

  it('raises the level on each escalation', () => {
    given(customerDecider, [registered, filed, acknowledged, escalated])
      .when({ type: 'EscalateComplaint', data: { complaintId, to: 'sales-director', reason: 'Still unresolved.' } })
      .then([
        {
          type: 'ComplaintEscalated',
          data: { complaintId, level: 2, to: 'sales-director', reason: 'Still unresolved.' },
        },
      ]);
  });

  it('leaves the owner in charge', () => {
    given(customerDecider, [registered, filed, acknowledged, escalated])
      .when({ type: 'TransferComplaint', data: { complaintId, to: 'regional-manager', reason: 'Takes it over.' } })
      .then([
        {
          type: 'ComplaintTransferred',
          data: { complaintId, from: 'agent-wang', to: 'regional-manager', reason: 'Takes it over.' },
        },
      ]);
  });

  it.each([
    ['filed', [], 'complaint.not_acknowledged'],
    ['resolved', [acknowledged, resolved], 'complaint.already_resolved'],
    ['closed', [acknowledged, resolved, closed], 'complaint.already_closed'],
  ])('is refused for a %s complaint', (_status, history, rule) => {
    given(customerDecider, [registered, filed, ...history])
      .when(escalate)
      .thenThrows(BusinessRuleViolation, { rule });
  });

  it('needs to whom and why', () => {
    given(customerDecider, [registered, filed, acknowledged])
      .when({ type: 'EscalateComplaint', data: { complaintId, to: '', reason: 'Urgent.' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'to' });
  });
});

describe('TransferComplaint', () => {
  it('hands the complaint from its owner to another', () => {
    given(customerDecider, [registered, filed, acknowledged]).when(transfer).then([transferred]);
  });

  it('hands it on from whoever owns it now', () => {
    given(customerDecider, [registered, filed, acknowledged, transferred])
      .when({ type: 'TransferComplaint', data: { complaintId, to: 'agent-wang', reason: 'Back to the first responder.' } })
      .then([
        {
          type: 'ComplaintTransferred',
          data: { complaintId, from: 'logistics-chen', to: 'agent-wang', reason: 'Back to the first responder.' },
        },
      ]);
  });

  it('refuses a transfer to the current owner', () => {
    given(customerDecider, [registered, filed, acknowledged])
      .when({ type: 'TransferComplaint', data: { complaintId, to: 'agent-wang', reason: 'Mine.' } })
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.transfer_to_current_owner', path: 'to' });
    given(customerDecider, [registered, filed, acknowledged, transferred])
      .when(transfer)
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.transfer_to_current_owner', path: 'to' });
  });

  it.each([
    ['filed', [], 'complaint.not_acknowledged'],
    ['resolved', [acknowledged, resolved], 'complaint.already_resolved'],
    ['closed', [acknowledged, resolved, closed], 'complaint.already_closed'],
  ])('is refused for a %s complaint: the receiver answers for it until then', (_status, history, rule) => {
    given(customerDecider, [registered, filed, ...history])
      .when(transfer)
      .thenThrows(BusinessRuleViolation, { rule });
  });
});

describe('ResolveComplaint', () => {
  it.each([
    ['acknowledged', [acknowledged]],
    ['escalated', [acknowledged, escalated]],
    ['transferred', [acknowledged, transferred]],
    ['reopened', [acknowledged, resolved, reopened]],
  ])('resolves an %s complaint', (_status, history) => {
    given(customerDecider, [registered, filed, ...history]).when(resolve).then([resolved]);
  });

  it('cannot resolve a closed complaint again', () => {
    given(customerDecider, [registered, filed, acknowledged, resolved, closed])
      .when(resolve)
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.already_closed' });
  });

  it('cannot resolve a resolved complaint again', () => {
    given(customerDecider, [registered, filed, acknowledged, resolved])
      .when(resolve)
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.already_resolved' });
  });

  it('needs the complaint acknowledged first', () => {
    given(customerDecider, [registered, filed])
      .when(resolve)
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.not_acknowledged' });
  });

  it('needs the resolution', () => {
    given(customerDecider, [registered, filed, acknowledged])
      .when({ type: 'ResolveComplaint', data: { complaintId, resolution: ' ' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'resolution' });
  });
});

describe('CloseComplaint', () => {
  it('closes a resolved complaint', () => {
    given(customerDecider, [registered, filed, acknowledged, resolved]).when(close).then([closed]);
  });

  it("records the customer's satisfaction with the handling", () => {
    given(customerDecider, [registered, filed, acknowledged, resolved])
      .when({ type: 'CloseComplaint', data: { complaintId, satisfaction: 5 } })
      .then([{ type: 'ComplaintClosed', data: { complaintId, satisfaction: 5 } }]);
  });

  it.each([0, 6, 2.5])('accepts satisfaction only as a whole number from 1 to 5, not %p', (satisfaction) => {
    given(customerDecider, [registered, filed, acknowledged, resolved])
      .when({ type: 'CloseComplaint', data: { complaintId, satisfaction } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.out_of_range', path: 'satisfaction' });
  });

  it.each([
    ['filed', [], 'complaint.not_resolved'],
    ['acknowledged', [acknowledged], 'complaint.not_resolved'],
    ['reopened', [acknowledged, resolved, reopened], 'complaint.not_resolved'],
    ['closed', [acknowledged, resolved, closed], 'complaint.already_closed'],
  ])('closes only a resolved complaint, not a %s one', (_status, history, rule) => {
    given(customerDecider, [registered, filed, ...history])
      .when(close)
      .thenThrows(BusinessRuleViolation, { rule });
  });
});

describe('ReopenComplaint', () => {
  it.each([
    ['resolved', [acknowledged, resolved]],
    ['closed', [acknowledged, resolved, closed]],
  ])('reopens a %s complaint, due again by its SLA from the reopening', (_status, history) => {
    given(customerDecider, [registered, filed, ...history]).when(reopen, reopening).then([reopened]);
  });

  it.each([
    ['filed', []],
    ['acknowledged', [acknowledged]],
    ['escalated', [acknowledged, escalated]],
    ['reopened', [acknowledged, resolved, reopened]],
  ])('reopens only a resolved or closed complaint, not a %s one', (_status, history) => {
    given(customerDecider, [registered, filed, ...history])
      .when(reopen)
      .thenThrows(BusinessRuleViolation, { rule: 'complaint.not_resolved' });
  });

  it('needs the reason', () => {
    given(customerDecider, [registered, filed, acknowledged, resolved])
      .when({ type: 'ReopenComplaint', data: { ...reopen.data, reason: '' } })
      .thenThrows(BusinessRuleViolation, { rule: 'value.blank', path: 'reason' });
  });
});
