import { expect } from '@jest/globals';
import { CodedError } from '../shared/coded-error';
import { Decider, fold } from '../shared/decider';

/**
 * Given/when/then for deciders (after emmett's DeciderSpecification):
 *
 *   const expectBook = DeciderSpecification.for(accountBookDecider);
 *   expectBook.given([accountOpened()]).when(placeOrder('o-1')).then([orderPlaced('o-1')]);
 *
 * Every outcome is also folded onto the given state, so a decision that evolve cannot apply fails
 * the test too. (The entry point's name starts with `expect` so the lint rule sees an assertion.)
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return {
      given(events: readonly Event[]) {
        return {
          when(command: Command) {
            return new DecisionAssertions(decider, events, command);
          },
        };
      },
    };
  },
};

export class DecisionAssertions<Command, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly given: readonly Event[],
    private readonly command: Command,
  ) {}

  /** The decision, after checking that evolve accepts it. */
  decision(): readonly Event[] {
    const state = fold(this.decider, this.given);
    const events = this.decider.decide(this.command, state);
    events.reduce((next, event) => this.decider.evolve(next, event), state);
    return events;
  }

  /** The state after the given events and the decision. */
  stateAfter(): State {
    return fold(this.decider, [...this.given, ...this.decision()]);
  }

  then(expected: readonly Event[]): readonly Event[] {
    const events = this.decision();
    expect(events).toEqual(expected);
    return events;
  }

  /** Nothing decided: an idempotent repeat. */
  thenNothing(): void {
    expect(this.decision()).toEqual([]);
  }

  /** Exactly one event, a rejection carrying `code`; returns it for further checks. */
  thenRejects(code: string): Event {
    const events = this.decision();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: { code } });
    return events[0] as Event;
  }

  /** A programming error: a `CodedError` with `code`, nothing decided. */
  thenThrows(code: string): void {
    let thrown: unknown = null;
    try {
      this.decision();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CodedError);
    expect((thrown as CodedError).code).toBe(code);
  }
}

/** The given events followed by the decisions of `commands`, each decided on the state before it. */
export function decideAll<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  given: readonly Event[],
  ...commands: readonly Command[]
): Event[] {
  const events = [...given];
  let state = fold(decider, events);
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
}
