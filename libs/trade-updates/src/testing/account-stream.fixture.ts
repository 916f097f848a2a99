import {
  AccountBookCommand,
  AccountBookEvent,
  AccountBookState,
  accountBookDecider,
  ACCOUNT_BOOK_EVENT_VERSIONS,
  ExecutionReport,
  OrderRequest,
  ReplaceRequest,
} from '@trading/domain';
import { UuidV7IdGenerator } from '@trading/messaging';
import { AccountEventEnvelope } from '../updates/order-events';

const accountStreamId = (accountId: string): string => `account-${accountId}`;

const T0 = Date.parse('2026-03-02T14:30:00.000Z');
const ids = new UuidV7IdGenerator();

/**
 * An account's event stream for tests, decided by the real account-book decider from commands, so
 * every event is one the OMS could have appended (same shapes, same seqs, same evolve).
 */
export class AccountStream {
  readonly envelopes: AccountEventEnvelope[] = [];
  private book: AccountBookState = accountBookDecider.initialState();
  private clock = 0;

  constructor(readonly accountId: string) {}

  open(cash = '100000'): AccountEventEnvelope[] {
    return this.decide((metadata) => ({ type: 'OpenAccount', accountId: this.accountId, startingCash: cash, metadata }));
  }

  place(orderId: string, request: Partial<OrderRequest> = {}, referencePrice = '150.00'): AccountEventEnvelope[] {
    const full: OrderRequest = {
      symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null, clientOrderId: null,
      ...request,
    };
    return this.decide((metadata) => ({
      type: 'PlaceOrder',
      accountId: this.accountId,
      request: full,
      context: this.context(full.symbol, referencePrice, metadata.at),
      metadata: { ...metadata, orderId },
    }));
  }

  replace(orderId: string, replacementOrderId: string, request: ReplaceRequest, symbol = 'AAPL', referencePrice = '150.00'): AccountEventEnvelope[] {
    return this.decide((metadata) => ({
      type: 'ReplaceOrder',
      accountId: this.accountId,
      orderId,
      request,
      context: this.context(symbol, referencePrice, metadata.at),
      metadata: { ...metadata, orderId: replacementOrderId },
    }));
  }

  cancel(orderId: string): AccountEventEnvelope[] {
    return this.decide((metadata) => ({ type: 'CancelOrder', accountId: this.accountId, orderId, metadata }));
  }

  report(report: ExecutionReport): AccountEventEnvelope[] {
    return this.decide((metadata) => ({ type: 'ApplyExecutionReport', accountId: this.accountId, report, metadata }));
  }

  cancelAll(): AccountEventEnvelope[] {
    return this.decide((metadata) => ({ type: 'CancelAllOrders', accountId: this.accountId, metadata }));
  }

  acknowledge(orderId: string): AccountEventEnvelope[] {
    return this.report({ kind: 'acknowledged', orderId, venueStatus: 'new' });
  }

  fill(orderId: string, executionId: string, qty: string, price: string, final = false): AccountEventEnvelope[] {
    return this.report({ kind: final ? 'fill' : 'partial_fill', orderId, executionId, qty, price, venue: 'XNAS', executedAt: this.now() });
  }

  private now(): string {
    return new Date(T0 + this.clock * 1000).toISOString();
  }

  private context(symbol: string, price: string, at: string) {
    return { referencePrice: { symbol: symbol.toUpperCase(), price, at, source: 'test' }, globalTradingState: 'ACTIVE' as const };
  }

  private decide(build: (metadata: { commandId: string; correlationId: string; at: string }) => AccountBookCommand): AccountEventEnvelope[] {
    this.clock += 1;
    const at = this.now();
    const commandId = ids.next();
    const events = accountBookDecider.decide(build({ commandId, correlationId: `corr-${commandId}`, at }), this.book);
    return events.map((event) => this.append(event, commandId, at));
  }

  private append(event: AccountBookEvent, commandId: string, at: string): AccountEventEnvelope {
    this.book = accountBookDecider.evolve(this.book, event);
    const envelope: AccountEventEnvelope = {
      eventId: ids.next(),
      type: event.type,
      schemaVersion: ACCOUNT_BOOK_EVENT_VERSIONS[event.type],
      accountId: this.accountId,
      streamId: accountStreamId(this.accountId),
      seq: this.envelopes.length + 1,
      occurredAt: at,
      correlationId: `corr-${commandId}`,
      causationId: commandId,
      payload: event,
    };
    this.envelopes.push(envelope);
    return envelope;
  }

  /** The book the OMS would hold now: the reference the projections are checked against. */
  state(): AccountBookState {
    return this.book;
  }
}
