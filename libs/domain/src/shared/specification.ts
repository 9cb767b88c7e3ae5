/**
 * Given/when/then specifications for deciders on Jest's expect:
 *
 *   given(decider, [registered]).when(fileComplaint).then([complaintFiled]);
 *   given(decider, [registered]).when(command).thenThrows(BusinessRuleViolation, { rule: '...' });
 *
 * The given events are folded with `evolve`; the state is frozen before `decide`, so a
 * decider that mutates it fails, and produced events must survive a JSON round trip
 * unchanged (no Date, no undefined, no class instances).
 */
import type { Decider } from './decider';

export function given<Command, Event, State>(decider: Decider<Command, Event, State>, events: readonly Event[] = []) {
  const state = () =>
    deepFreeze(events.reduce((folded, event) => decider.evolve(folded, deepFreeze(event)), decider.initialState()));
  return {
    when(command: Command) {
      const decide = () => decider.decide(command, state());
      return {
        then(expected: readonly Event[]): void {
          const produced = decide();
          expect(produced).toStrictEqual(expected);
          expect(JSON.parse(JSON.stringify(produced))).toStrictEqual(produced);
        },
        /** `details`: properties the error must have, e.g. `{ rule: 'refund.exceeds_remaining' }`. */
        thenThrows<E extends Error>(errorClass: abstract new (...args: never[]) => E, details: Partial<E> = {}): void {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          expect(thrown).toMatchObject(details);
        },
      };
    },
  };
}

/** Freezes a value and everything in it, so that code which mutates it fails. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
