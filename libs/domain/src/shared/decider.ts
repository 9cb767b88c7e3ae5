/**
 * An Emmett-style decider: `decide` turns a command into events against the current state
 * and `evolve` folds one event into the state. Both are pure: ids and instants come in on
 * the command, so the same inputs always give the same events.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * A type guard for one concept's commands, built from the set of their type names; the
 * `Record` makes the compiler insist that every command of the concept is listed.
 */
export function commandTypes<C extends { type: string }>(types: Record<C['type'], true>) {
  return (command: { type: string }): command is C => Object.hasOwn(types, command.type);
}
