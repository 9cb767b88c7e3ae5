import type { DecisionContext, Decider, Stamped } from './decider';
import { defaultOccurredAt, given, stampedAt } from './specification';

type Tally = { count: number };
type Counted = { type: 'Counted'; data: { at?: unknown } };

function tallyDecider(decide: (state: Tally) => Counted[]): Decider<'count', Counted, Tally> {
  return {
    initialState: () => ({ count: 0 }),
    evolve: (state) => ({ count: state.count + 1 }),
    decide: (_command, state) => decide(state),
  };
}

/** Records the business time of every event it folds, and decides an event carrying the context's. */
const clockReader: Decider<'count', Counted, { folded: string[] }> = {
  initialState: () => ({ folded: [] }),
  evolve: (state, event: Stamped<Counted>) => ({ folded: [...state.folded, event.metadata.occurredAt] }),
  decide: (_command, state, context: DecisionContext) => [
    { type: 'Counted', data: { at: [...state.folded, context.occurredAt] } },
  ],
};

describe('given/when/then', () => {
  it('folds given events without metadata at the default business time, and decides then without a context', () => {
    expect(defaultOccurredAt).toBe('2024-03-01T09:00:00.000Z');
    given(clockReader, [{ type: 'Counted', data: {} }])
      .when('count')
      .then([{ type: 'Counted', data: { at: [defaultOccurredAt, defaultOccurredAt] } }]);
  });

  it('keeps the business time of given events stamped, and decides at the context given', () => {
    const counted: Counted = { type: 'Counted', data: {} };
    given(clockReader, [stampedAt('2024-05-01T08:00:00+08:00', counted), counted])
      .when('count', { occurredAt: '2024-05-02T00:00:00Z' })
      .then([{ type: 'Counted', data: { at: ['2024-05-01T08:00:00+08:00', defaultOccurredAt, '2024-05-02T00:00:00Z'] } }]);
  });

  it('passes when the decider produces the expected events', () => {
    const decider = tallyDecider((state) => [{ type: 'Counted', data: { at: state.count } }]);
    given(decider, [{ type: 'Counted', data: { at: 0 } }])
      .when('count')
      .then([{ type: 'Counted', data: { at: 1 } }]);
  });

  it('fails a decider that mutates the state', () => {
    const decider = tallyDecider((state) => {
      state.count += 1;
      return [];
    });
    expect(() => given(decider).when('count').then([])).toThrow(TypeError);
  });

  it('fails events that are not plain JSON', () => {
    const decider = tallyDecider(() => [{ type: 'Counted', data: { at: new Date(0) } }]);
    expect(() => given(decider).when('count').then([{ type: 'Counted', data: { at: new Date(0) } }])).toThrow();
  });

  it('fails events with undefined fields the expectation omits', () => {
    const decider = tallyDecider(() => [{ type: 'Counted', data: { at: undefined } }]);
    expect(() => given(decider).when('count').then([{ type: 'Counted', data: {} }])).toThrow();
  });

  it('fails thenThrows when nothing is thrown, or something else', () => {
    const quiet = tallyDecider(() => []);
    expect(() => given(quiet).when('count').thenThrows(RangeError)).toThrow();
    const loud = tallyDecider(() => {
      throw new TypeError('no');
    });
    expect(() => given(loud).when('count').thenThrows(RangeError)).toThrow();
    expect(() => given(loud).when('count').thenThrows(TypeError, { message: 'yes' })).toThrow();
    given(loud).when('count').thenThrows(TypeError, { message: 'no' });
  });
});
