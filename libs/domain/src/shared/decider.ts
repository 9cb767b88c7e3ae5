/**
 * An Emmett-style decider: `decide` turns a command into events against the current state
 * and `evolve` folds one event into the state. Both are pure: ids come in on the command and
 * the business time in the context, so the same inputs always give the same events.
 */

/** When the command happened in business time (ISO 8601 instant, RFC 3339 with a zone); the caller's clock, never the decider's. */
export interface DecisionContext {
  readonly occurredAt: string;
}

/** An event as the fold sees it: its business time beside its data. */
export type Stamped<E> = E & { readonly metadata: { readonly occurredAt: string } };

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State, context: DecisionContext): Event[];
  evolve(state: State, event: Stamped<Event>): State;
  initialState(): State;
}

/**
 * A type guard for one concept's commands, built from the set of their type names; the
 * `Record` makes the compiler insist that every command of the concept is listed.
 */
export function commandTypes<C extends { type: string }>(types: Record<C['type'], true>) {
  return (command: { type: string }): command is C => Object.hasOwn(types, command.type);
}
