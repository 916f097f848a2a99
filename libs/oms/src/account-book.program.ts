import {
  ACCOUNT_BOOK_EVENT_VERSIONS,
  AccountBookDecider,
  AccountBookEvent,
  Clock,
  OrderContext,
} from '@trading/domain';
import { GlobalTradingStateSet, SetGlobalTradingStatePayload, SYSTEM_ACCOUNT } from '@trading/contracts';
import { EnvelopeFactory, EventEnvelope, PartitionProgram, ProgramStep } from '@trading/messaging';
import { ATTR, inSpan, TradingMetrics } from '@trading/observability';
import { decisionOutcome } from './decision-outcome';
import { toAccountBookCommand } from './command-translation';
import { accountStreamId, emptyOmsPartitionState, OmsPartitionState } from './oms-partition.state';
import { ReferencePriceSource } from './reference-price.port';

const SYSTEM_STREAM = 'system-trading-state';

/**
 * The OMS for one partition: account books folded from the log, one decision per command. Every
 * input of the outside world (decision time, reference price, global kill switch) is put on the
 * domain command here and recorded in the events, so replay never asks again.
 */
export class AccountBookProgram implements PartitionProgram<OmsPartitionState> {
  constructor(
    private readonly decider: AccountBookDecider,
    private readonly envelopes: EnvelopeFactory,
    private readonly clock: Clock,
    private readonly prices: ReferencePriceSource,
    private readonly metrics?: TradingMetrics,
  ) {}

  initialState(): OmsPartitionState {
    return emptyOmsPartitionState();
  }

  replay(state: OmsPartitionState, event: EventEnvelope): OmsPartitionState {
    if (event.type === 'GlobalTradingStateSet') {
      const { tradingState } = event.payload as GlobalTradingStateSet;
      return { ...state, globalTradingState: tradingState, systemSeq: event.seq };
    }
    const entry = state.accounts.get(event.accountId);
    const book = this.decider.evolve(entry?.book ?? this.decider.initialState(), event.payload as AccountBookEvent);
    return { ...state, accounts: state.accounts.set(event.accountId, { book, seq: event.seq }) };
  }

  process(state: OmsPartitionState, input: EventEnvelope): ProgramStep<OmsPartitionState> {
    const attributes = { [ATTR.correlationId]: input.correlationId, [ATTR.accountId]: input.accountId, [ATTR.messageType]: input.type };
    return inSpan(`oms.decide ${input.type}`, { attributes }, (span) => {
      const step = this.decide(state, input);
      const decision = decisionOutcome(step.outputs);
      if (decision) span.setAttributes({ [ATTR.outcome]: decision.outcome, [ATTR.rule]: decision.rule });
      return step;
    });
  }

  /** Counts the decisions once they are durable (a retried batch must not count twice). */
  afterCommit(_partition: number, outputs: readonly EventEnvelope[]): void {
    if (!this.metrics) return;
    const decision = decisionOutcome(outputs);
    if (decision) this.metrics.orderDecisions.inc({ outcome: decision.outcome, rule: decision.rule });
  }

  private decide(state: OmsPartitionState, input: EventEnvelope): ProgramStep<OmsPartitionState> {
    const at = this.clock.now().toISOString();
    if (input.type === 'SetGlobalTradingState') return this.setGlobalTradingState(state, input, at);

    const entry = state.accounts.get(input.accountId) ?? { book: this.decider.initialState(), seq: 0 };
    const contextFor = (symbol: string | null): OrderContext => ({
      referencePrice: symbol ? this.prices.latest(symbol.trim().toUpperCase()) : null,
      globalTradingState: state.globalTradingState,
    });
    const command = toAccountBookCommand(input, { at, book: entry.book, contextFor });
    if (!command) throw new Error(`${input.type} is not a command the OMS decides`);

    const events = this.decider.decide(command, entry.book);
    const book = events.reduce((current, event) => this.decider.evolve(current, event), entry.book);
    const outputs = events.map((event, index) =>
      this.envelopes.create({
        type: event.type,
        schemaVersion: ACCOUNT_BOOK_EVENT_VERSIONS[event.type],
        accountId: input.accountId,
        streamId: accountStreamId(input.accountId),
        seq: entry.seq + index + 1,
        payload: event,
        causedBy: input,
      }),
    );
    return {
      state: { ...state, accounts: state.accounts.set(input.accountId, { book, seq: entry.seq + events.length }) },
      outputs,
    };
  }

  private setGlobalTradingState(state: OmsPartitionState, input: EventEnvelope, at: string): ProgramStep<OmsPartitionState> {
    const { tradingState, reason } = input.payload as SetGlobalTradingStatePayload;
    const payload: GlobalTradingStateSet = {
      type: 'GlobalTradingStateSet',
      accountId: SYSTEM_ACCOUNT,
      commandId: input.eventId,
      at,
      tradingState,
      reason,
    };
    const output = this.envelopes.create({
      type: 'GlobalTradingStateSet',
      schemaVersion: 1,
      accountId: SYSTEM_ACCOUNT,
      streamId: SYSTEM_STREAM,
      seq: state.systemSeq + 1,
      payload,
      causedBy: input,
    });
    return { state: { ...state, globalTradingState: tradingState, systemSeq: state.systemSeq + 1 }, outputs: [output] };
  }
}
