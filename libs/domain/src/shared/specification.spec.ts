import type { Decider } from './decider';
import { given } from './specification';

type Tally = { count: number };
type Counted = { type: 'Counted'; data: { at?: unknown } };

function tallyDecider(decide: (state: Tally) => Counted[]): Decider<'count', Counted, Tally> {
  return {
    initialState: () => ({ count: 0 }),
    evolve: (state) => ({ count: state.count + 1 }),
    decide: (_command, state) => decide(state),
  };
}

describe('given/when/then', () => {
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
