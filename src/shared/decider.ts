/**
 * The decider pattern: a pure description of one aggregate. `decide` turns a command
 * into the events it causes (or throws a DomainRuleError), `evolve` folds one event
 * into the state, `initialState` is the state of a stream that does not exist yet.
 */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

/** Folds events into a state with the decider's evolve. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
