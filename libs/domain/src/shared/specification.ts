/**
 * Given/when/then specifications for deciders on Jest's expect:
 *
 *   given(decider, [registered]).when(fileComplaint).then([complaintFiled]);
 *   given(decider, [registered]).when(command).thenThrows(BusinessRuleViolation, { rule: '...' });
 *   given(decider, [registered, stampedAt(t1, filed)]).when(acknowledge, { occurredAt: t2 }).then([...]);
 *
 * The given events are folded with `evolve`; the state is frozen before `decide`, so a
 * decider that mutates it fails, and produced events must survive a JSON round trip
 * unchanged (no Date, no undefined, no class instances).
 */
import type { DecisionContext, Decider, Stamped } from './decider';

/**
 * The business time of a given event without metadata, and of a `when` without a context:
 * one fixed instant, so that specs stay short and every step of them happens "at once".
 * Specs about time give their instants explicitly.
 */
export const defaultOccurredAt = '2024-03-01T09:00:00.000Z';

/** The event as stored at `occurredAt`. */
export function stampedAt<Event extends object>(occurredAt: string, event: Event): Stamped<Event> {
  return { ...event, metadata: { occurredAt } };
}

export function given<Command, Event extends object, State>(
  decider: Decider<Command, Event, State>,
  events: readonly (Event | Stamped<Event>)[] = [],
) {
  const state = () =>
    deepFreeze(
      events.reduce((folded, event) => decider.evolve(folded, deepFreeze(stamped(event))), decider.initialState()),
    );
  return {
    when(command: Command, context: DecisionContext = { occurredAt: defaultOccurredAt }) {
      const decide = () => decider.decide(command, state(), context);
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

function stamped<Event extends object>(event: Event | Stamped<Event>): Stamped<Event> {
  return 'metadata' in event ? event : stampedAt(defaultOccurredAt, event);
}

/** Freezes a value and everything in it, so that code which mutates it fails. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
