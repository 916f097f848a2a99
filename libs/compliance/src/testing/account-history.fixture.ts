import {
  ACCOUNT_BOOK_EVENT_VERSIONS,
  AccountBookCommand,
  AccountBookEvent,
  accountBookDecider,
  AccountBookState,
  ExecutionReport,
  OrderRequest,
} from '@trading/domain';
import { EventEnvelope, UuidV7IdGenerator } from '@trading/messaging';
import { accountStreamId } from '@trading/read-models';
import { ArchiveLog } from './archive-log.fixture';

const ids = new UuidV7IdGenerator();
const T0 = Date.parse('2026-03-02T14:30:00.000Z');

type Draft = Omit<EventEnvelope, 'eventId' | 'occurredAt'>;

/**
 * One account's traffic on every archived topic, decided by the real decider: commands, the OMS's
 * events (caused by them, same correlation), execution reports and journal entries, each with a
 * W3C `traceparent`. Time moves one second per command from `start`.
 */
export class AccountHistory {
  private book: AccountBookState = accountBookDecider.initialState();
  private seq = 0;
  private tick = 0;
  private readonly orderCorrelations = new Map<string, string>();
  readonly traceIds = new Map<string, string>();

  constructor(
    private readonly log: ArchiveLog,
    readonly accountId: string,
    private readonly partition = 0,
    private readonly start = T0,
  ) {}

  /** The instant of the last command, ISO. */
  now(): string {
    return new Date(this.start + this.tick * 1000).toISOString();
  }

  open(startingCash = '100000'): EventEnvelope[] {
    const command = this.command('OpenAccount', { startingCash }, null);
    return this.decide(command, { type: 'OpenAccount', accountId: this.accountId, startingCash, metadata: this.metadata(command) });
  }

  place(orderId: string, request: Partial<OrderRequest> = {}, referencePrice = '150.00'): EventEnvelope[] {
    const full: OrderRequest = {
      symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null, clientOrderId: null,
      ...request,
    };
    const command = this.command('PlaceOrder', { orderId, request: full }, null);
    this.orderCorrelations.set(orderId, command.correlationId);
    const at = command.occurredAt;
    const events = this.decide(command, {
      type: 'PlaceOrder',
      accountId: this.accountId,
      request: full,
      context: { referencePrice: { symbol: full.symbol.toUpperCase(), price: referencePrice, at, source: 'test' }, globalTradingState: 'ACTIVE' },
      metadata: { ...this.metadata(command), orderId },
    });
    const placed = events.find((event) => event.type === 'OrderPlaced');
    if (placed) this.journalIntent(orderId, full, placed);
    return events;
  }

  cancel(orderId: string): EventEnvelope[] {
    const command = this.command('CancelOrder', { orderId }, this.orderCorrelations.get(orderId) ?? null);
    return this.decide(command, { type: 'CancelOrder', accountId: this.accountId, orderId, metadata: this.metadata(command) });
  }

  acknowledge(orderId: string): EventEnvelope[] {
    return this.report({ kind: 'acknowledged', orderId, venueStatus: 'new' });
  }

  fill(orderId: string, executionId: string, qty: string, price: string, final = false): EventEnvelope[] {
    return this.report({ kind: final ? 'fill' : 'partial_fill', orderId, executionId, qty, price, venue: 'XNAS', executedAt: this.now() });
  }

  canceled(orderId: string): EventEnvelope[] {
    return this.report({ kind: 'canceled', orderId, reason: null });
  }

  state(): AccountBookState {
    return this.book;
  }

  private report(report: ExecutionReport): EventEnvelope[] {
    const command = this.command('ExecutionReported', { report }, this.orderCorrelations.get(report.orderId) ?? null, 'executions');
    return this.decide(command, { type: 'ApplyExecutionReport', accountId: this.accountId, report, metadata: this.metadata(command) });
  }

  private command(type: string, payload: unknown, correlationId: string | null, topic: 'commands' | 'executions' = 'commands'): EventEnvelope {
    this.tick += 1;
    const eventId = ids.next();
    const envelope: EventEnvelope = {
      eventId,
      type,
      schemaVersion: type === 'ExecutionReported' ? 2 : 1,
      accountId: this.accountId,
      streamId: topic === 'commands' ? `commands-${this.accountId}` : `executions-${this.accountId}`,
      seq: 0,
      occurredAt: this.now(),
      correlationId: correlationId ?? eventId,
      causationId: null,
      payload,
    };
    this.log.append(this.log.topics[topic], this.partition, envelope, this.traceparent(envelope.correlationId));
    return envelope;
  }

  private metadata(command: EventEnvelope) {
    return { commandId: command.eventId, correlationId: command.correlationId, at: command.occurredAt };
  }

  private decide(command: EventEnvelope, domainCommand: AccountBookCommand): EventEnvelope[] {
    return accountBookDecider.decide(domainCommand, this.book).map((event) => this.appendEvent(event, command));
  }

  private appendEvent(event: AccountBookEvent, cause: EventEnvelope): EventEnvelope {
    this.book = accountBookDecider.evolve(this.book, event);
    this.seq += 1;
    const envelope: EventEnvelope = {
      eventId: ids.next(),
      type: event.type,
      schemaVersion: ACCOUNT_BOOK_EVENT_VERSIONS[event.type],
      accountId: this.accountId,
      streamId: accountStreamId(this.accountId),
      seq: this.seq,
      occurredAt: cause.occurredAt,
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      payload: event,
    };
    this.log.append(this.log.topics.orderEvents, this.partition, envelope, this.traceparent(envelope.correlationId));
    return envelope;
  }

  private journalIntent(orderId: string, request: OrderRequest, placed: EventEnvelope): void {
    const base = { intentId: placed.eventId, orderId, accountId: this.accountId, at: placed.occurredAt };
    const order = { clientOrderId: orderId, accountId: this.accountId, symbol: request.symbol, side: request.side, type: request.type, timeInForce: request.timeInForce, qty: request.qty, notional: request.notional, limitPrice: request.limitPrice, stopPrice: request.stopPrice };
    this.journal({ type: 'BrokerSubmitIntended', ...base, broker: 'paper', correlationId: placed.correlationId, order }, placed);
    this.journal({ type: 'BrokerRequestSent', ...base, action: 'submit' }, placed);
  }

  private journal(entry: { readonly type: string; readonly [field: string]: unknown }, cause: EventEnvelope): void {
    const draft: Draft = {
      type: entry.type, schemaVersion: 1, accountId: this.accountId, streamId: `execution-${this.accountId}`, seq: 0,
      correlationId: cause.correlationId, causationId: cause.eventId, payload: entry,
    };
    this.log.append(this.log.topics.executionJournal, this.partition, { ...draft, eventId: ids.next(), occurredAt: cause.occurredAt }, this.traceparent(cause.correlationId));
  }

  /** One trace per correlation: what a traced gateway request would propagate. */
  private traceparent(correlationId: string): string {
    let traceId = this.traceIds.get(correlationId);
    if (!traceId) {
      traceId = correlationId.replace(/-/g, '').padEnd(32, '0').slice(0, 32);
      this.traceIds.set(correlationId, traceId);
    }
    return `00-${traceId}-${ids.next().replace(/-/g, '').slice(16, 32)}-01`;
  }
}
