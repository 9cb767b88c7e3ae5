import fc from 'fast-check';
import { createCustomerDecider, evolveCustomerView, initialCustomerView, type CustomerCommand, type CustomerView } from '@crm/domain';
import type { JsonObject, RecordedEvent } from '@crm/event-store';
import { CustomerStateHistory, snapshotEvery, type StateBounds } from './customer-state-history';
import { foldInC1Order } from './customer-view-as-of';

const decider = createCustomerDecider();
const day = 86_400_000;
const start = Date.parse('2024-01-01T00:00:00.000Z');
const recordingStart = Date.parse('2024-06-01T00:00:00.000Z');

/** One fact asked of the decider: which command, a number to pick its ids and values with, and its times. */
interface Step {
  command: number;
  pick: number;
  /** Business time in days after the registration: any, so facts come back-dated among the others. */
  day: number;
  /** Recording time, ms after the previous event's: at times before it (a transaction that began earlier committed later). */
  recordedAfter: number;
  /** The store read the event with its personal fields erased. */
  erased: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  command: fc.nat({ max: 15 }),
  pick: fc.nat({ max: 5 }),
  day: fc.integer({ min: -3, max: 60 }),
  recordedAfter: fc.oneof(fc.constant(0), fc.integer({ min: -5_000, max: 20_000 })),
  erased: fc.nat({ max: 9 }).map((n) => n === 0),
});

function commandOf({ command, pick }: Step, occurredAt: number): CustomerCommand {
  const contactId = `ct-${pick % 3}`;
  const complaintId = `cp-${pick % 3}`;
  const commands: CustomerCommand[] = [
    { type: 'RateStars', data: { stars: 1 + (pick % 5) } },
    { type: 'RateCredit', data: { grade: (['AA', 'A', 'B', 'C'] as const)[pick % 4] } },
    { type: 'AssignAccountManager', data: { managerId: `am-${pick}` } },
    { type: 'RecordInteraction', data: { channel: 'wechat', direction: 'outbound', purpose: 'care', summary: `touch ${pick}` } },
    { type: 'PlanVisit', data: { plannedFor: new Date(occurredAt + (pick + 1) * day).toISOString(), purpose: 'care' } },
    { type: 'RecordPurchase', data: { orderId: `SO-${occurredAt}-${pick}`, currency: pick % 4 === 0 ? 'USD' : 'CNY', lines: [{ sku: 'NB', category: 'notebooks', quantity: 1 + pick, unitPriceMinor: 1_000 }] } },
    { type: 'AddContact', data: { contactId, name: `联系人 ${pick}`, level: 'middle', role: 'influencer' } },
    { type: 'UpdateContact', data: { contactId, title: `title ${pick}` } },
    { type: 'RemoveContact', data: { contactId, reason: 'changed-role' } },
    { type: 'ChangeRelationshipLevel', data: { level: (['acquaintance', 'friend', 'confidant'] as const)[pick % 3] } },
    { type: 'FileComplaint', data: { complaintId, category: 'delivery', severity: 'high', channel: 'call', description: 'Late.', receivedBy: 'agent-wang' } },
    { type: 'AcknowledgeComplaint', data: { complaintId } },
    { type: 'ResolveComplaint', data: { complaintId, resolution: 'Credit note.' } },
    { type: 'RecordChurn', data: { reason: 'competitor', competitor: '百脑汇' } },
    { type: 'RecordSurveyAnswer', data: { satisfaction: 1 + (pick % 5), nps: pick } },
    { type: 'QualifyCustomer', data: {} },
  ];
  return commands[command];
}

/**
 * A customer's stream as the store reads it back: each fact decided in recording order on the
 * facts before it, as the service does, with a business time anywhere in the history (back-dated
 * facts) and recording times that may even go back. A refused fact is left out.
 */
function historyOf(steps: readonly Step[]): RecordedEvent[] {
  const registration: CustomerCommand = { type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'organization', name: '审计商行' } };
  const events: RecordedEvent[] = [];
  let state = decider.initialState();
  let recordedAt = recordingStart;
  for (const [i, s] of [{ command: -1, pick: 0, day: 0, recordedAfter: 0, erased: false }, ...steps].entries()) {
    const occurredAt = start + s.day * day + i * 60_000;
    let decided;
    try {
      decided = decider.decide(i === 0 ? registration : commandOf(s, occurredAt), state, { occurredAt: new Date(occurredAt).toISOString() });
    } catch {
      continue;
    }
    recordedAt += s.recordedAfter;
    for (const event of decided) {
      const metadata = { occurredAt: new Date(occurredAt).toISOString(), actor: 'spec', ...(s.erased ? { erased: ['name'] } : {}) };
      const stored: RecordedEvent = {
        position: 1_000 + events.length * 3,
        eventId: `e-${events.length}`,
        streamId: 'customer-c1',
        streamVersion: events.length,
        type: event.type,
        schemaVersion: 1,
        data: event.data as unknown as JsonObject,
        metadata,
        recordedAt: new Date(recordedAt).toISOString(),
      };
      state = decider.evolve(state, stored as never);
      events.push(deepFreeze(stored));
    }
  }
  // Recorded last, since the decider takes nothing after it, but it may have happened at any time.
  if (steps.length % 4 === 1) {
    const occurredAt = new Date(start + steps[0].day * day).toISOString();
    const [erased] = decider.decide({ type: 'EraseCustomer', data: { basis: 'data-subject-request' } }, state, { occurredAt });
    events.push(deepFreeze({ ...events[events.length - 1], streamVersion: events.length, eventId: 'erasure', type: erased.type, data: erased.data as unknown as JsonObject, metadata: { occurredAt } }));
  }
  // An event of a type added later: it moves the version and the view's time, nothing else.
  if (steps.length % 7 === 3) events.push(deepFreeze({ ...events[events.length - 1], streamVersion: events.length, eventId: 'later-type', type: 'SomethingNew', data: {} }));
  return events;
}

/** Bounds anywhere, often exactly at an event's business time, recording time or version. */
function boundsFor(events: readonly RecordedEvent[]): fc.Arbitrary<StateBounds> {
  const anEvent = fc.nat({ max: Math.max(0, events.length - 1) }).map((i) => events[i]);
  const asOf = fc.oneof(fc.integer({ min: start - 2 * day, max: start + 70 * day }), anEvent.map((e) => Date.parse(e.metadata.occurredAt)), fc.constant(Infinity));
  const knownAt = fc.oneof(fc.integer({ min: recordingStart - 10_000, max: recordingStart + 20_000 * events.length }), anEvent.map((e) => Date.parse(e.recordedAt)), fc.constant(Infinity));
  const toVersion = fc.oneof(fc.integer({ min: -1, max: events.length + 1 }), fc.constant(Infinity));
  return fc.record({ asOf, knownAt, toVersion });
}

function plainFold(events: readonly RecordedEvent[], { asOf, knownAt, toVersion }: StateBounds) {
  return foldInC1Order(events.filter((e) => Date.parse(e.metadata.occurredAt) <= asOf && Date.parse(e.recordedAt) <= knownAt && e.streamVersion <= toVersion));
}

/** Histories long enough to span several snapshots, and cuts of them into the batches a catch-up reads. */
const histories = fc.record({
  // fast-check keeps arrays short unless told a length.
  steps: fc.nat({ max: snapshotEvery * 4 }).chain((length) => fc.array(step, { minLength: length, maxLength: length })),
  cuts: fc.array(fc.nat({ max: snapshotEvery * 4 }), { maxLength: 6 }),
});

describe('a customer history kept in C1 order, with snapshots', () => {
  it('answers every bound as the plain fold of the events within it, whatever batches the events came in', () => {
    fc.assert(
      fc.property(
        histories.chain(({ steps, cuts }) => {
          const events = historyOf(steps);
          return fc.tuple(fc.constant(events), fc.constant([...new Set(cuts.map((c) => Math.min(c, events.length)))].sort((a, b) => a - b)), fc.array(boundsFor(events), { minLength: 1, maxLength: 8 }));
        }),
        ([events, cuts, bounds]) => {
          const history = new CustomerStateHistory();
          let from = 0;
          for (const cut of [...cuts, events.length]) {
            history.add(events.slice(from, cut));
            from = cut;
            const held = events.slice(0, cut);
            expect({ size: history.size, version: history.version }).toEqual({ size: held.length, version: held.length - 1 });
            for (const bound of bounds) {
              const answer = history.within(bound);
              expect(answer).toStrictEqual(plainFold(held, bound));
              // A later fold may start from this view: it must leave it as it is.
              deepFreeze(answer.view);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses, whole, a batch with a version it holds already: a catch-up never reads an event twice', () => {
    const events = historyOf([]);
    const history = new CustomerStateHistory();
    history.add(events);
    expect(() => history.add(events)).toThrow('Stream version 0 comes after 0: held already, or out of order.');
    expect({ size: history.size, version: history.version, view: history.within({ asOf: Infinity, knownAt: Infinity, toVersion: Infinity }).view }).toEqual({ size: 1, version: 0, view: foldInC1Order(events).view });
  });
});

describe('the customer view, on which the snapshots rely', () => {
  it('is never changed by a fold: evolveCustomerView makes new objects, also for back-dated facts', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 150 }), (steps) => {
        const events = historyOf(steps).sort((a, b) => Date.parse(a.metadata.occurredAt) - Date.parse(b.metadata.occurredAt) || a.streamVersion - b.streamVersion);
        const views: { view: CustomerView | null; json: string }[] = [];
        let view = initialCustomerView();
        for (const event of events) {
          views.push({ view, json: JSON.stringify(view) });
          // Frozen, a view or event written to throws (modules are strict).
          view = deepFreeze(evolveCustomerView(view, event));
        }
        for (const kept of views) expect(JSON.stringify(kept.view)).toBe(kept.json);
      }),
      { numRuns: 100 },
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
