import { EventEnvelope } from '../envelope/event-envelope';

export interface ProgramInputMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface ProgramStep<State> {
  readonly state: State;
  readonly outputs: readonly EventEnvelope[];
}

/**
 * What runs inside the exactly-once processor for one partition number. `process` and `replay`
 * are pure: the processor owns every I/O. `replay` folds the program's own output (the log of
 * record) to rebuild the state when the partition is assigned.
 */
export interface PartitionProgram<State> {
  initialState(): State;
  replay(state: State, event: EventEnvelope): State;
  process(state: State, input: EventEnvelope, meta: ProgramInputMeta): ProgramStep<State>;
  /**
   * Side effects that must follow a decision only once it is durable (sending to a broker): called
   * after the transaction holding `outputs` committed, once per input that had outputs (in input
   * order, inside that input's trace context). Errors are logged, never undo the commit.
   */
  afterCommit?(partition: number, outputs: readonly EventEnvelope[], state: State): Promise<void> | void;
  /** Called once this instance owns `partition` and its state is rebuilt (resume in-flight work). */
  onPartitionOwned?(partition: number, state: State): Promise<void> | void;
  /** Called once this instance no longer owns `partition` (revoked, fenced, or stopping). */
  onPartitionReleased?(partition: number): void;
}
