import { ACCOUNT_BOOK_EVENT_VERSIONS, AccountBookEvent, Clock } from '@trading/domain';
import { EnvelopeFactory, EventEnvelope, PartitionProgram, ProgramStep } from '@trading/messaging';
import { decideOnOrderEvent } from '../journal/execution-journal.decider';
import { ExecutionJournalEntry } from '../journal/execution-journal.entries';
import { EXECUTION_JOURNAL_VERSION } from '../journal/execution-journal.messages';
import { ExecutionJournalState, emptyExecutionJournalState, evolveExecutionJournal } from '../journal/execution-journal.state';
import { BrokerRouter } from '../routing/broker-router';
import { journalStreamId } from './journal.writer';

/** The I/O that follows the journal's decisions (broker calls, reconciliation). */
export interface ExecutionEffects {
  committed(partition: number, entries: readonly ExecutionJournalEntry[]): Promise<void>;
  owned(partition: number, state: ExecutionJournalState): void;
  released(partition: number): void;
}

const isOrderEvent = (type: string): boolean => Object.prototype.hasOwnProperty.call(ACCOUNT_BOOK_EVENT_VERSIONS, type);

/**
 * The execution service for one partition, run by the exactly-once processor over the order
 * events: each intent is appended to the journal with the consumed offset, and only then sent.
 */
export class ExecutionProgram implements PartitionProgram<ExecutionJournalState> {
  constructor(
    private readonly envelopes: EnvelopeFactory,
    private readonly clock: Clock,
    private readonly router: BrokerRouter,
    private readonly effects: ExecutionEffects,
  ) {}

  initialState(): ExecutionJournalState {
    return emptyExecutionJournalState();
  }

  replay(state: ExecutionJournalState, event: EventEnvelope): ExecutionJournalState {
    return evolveExecutionJournal(state, event.payload as ExecutionJournalEntry);
  }

  process(state: ExecutionJournalState, input: EventEnvelope): ProgramStep<ExecutionJournalState> {
    if (!isOrderEvent(input.type)) return { state, outputs: [] };
    const entries = decideOnOrderEvent(
      { eventId: input.eventId, correlationId: input.correlationId, event: input.payload as AccountBookEvent },
      state,
      { at: this.clock.now().toISOString(), brokerFor: (accountId) => this.router.brokerFor(accountId) },
    );
    const outputs = entries.map((entry) =>
      this.envelopes.create({
        type: entry.type,
        schemaVersion: EXECUTION_JOURNAL_VERSION,
        accountId: input.accountId,
        streamId: journalStreamId(input.accountId),
        seq: 0,
        payload: entry,
        causedBy: input,
      }),
    );
    return { state: entries.reduce(evolveExecutionJournal, state), outputs };
  }

  async afterCommit(partition: number, outputs: readonly EventEnvelope[]): Promise<void> {
    await this.effects.committed(partition, outputs.map((output) => output.payload as ExecutionJournalEntry));
  }

  onPartitionOwned(partition: number, state: ExecutionJournalState): void {
    this.effects.owned(partition, state);
  }

  onPartitionReleased(partition: number): void {
    this.effects.released(partition);
  }
}
