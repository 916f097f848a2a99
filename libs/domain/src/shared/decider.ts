/**
 * The shape of every aggregate: `decide` turns a command into events given the current state,
 * `evolve` folds one event into the state. Both are pure; replaying the events through `evolve`
 * from `initialState` rebuilds the state exactly.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
