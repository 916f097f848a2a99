import { TradingMetrics } from '@trading/observability';
import { performance } from 'node:perf_hooks';
import { Clock, IdGenerator, Order, OrderSpec, Refusal, validateOrderRequest } from '@trading/domain';
import { CommandPublisher, EventEnvelope } from '@trading/messaging';
import { AccountBooksView } from './account-books.view';
import { AlpacaOrder, toAlpacaOrder } from './alpaca-order.mapper';
import { toOrderRequest, toReplaceRequest } from './alpaca-order-request';
import { OrderNotFoundError, OrderRefusedError } from './order-refused.error';

export interface OrdersServiceOptions {
  /** How long a write waits for the OMS's decision before answering `pending_new`. */
  readonly decisionTimeoutMs: number;
}

export type CancelAllResult = readonly { readonly id: string; readonly status: number; readonly body: AlpacaOrder | null }[];

/**
 * A write's answer and the account stream seq of the OMS decision it waited for: the consistency
 * token a later read presents to see this write. Null when no decision came in time.
 */
export interface Written<T> {
  readonly body: T;
  readonly seq: number | null;
}

/**
 * The order writes of the gateway. It decides nothing: it validates the shape (bad input never
 * reaches Kafka), turns the request into a command, and waits, bounded, for the OMS's decision.
 * Reads are served from the read models (see OrderQueriesService).
 */
export class OrdersService {
  constructor(
    private readonly view: AccountBooksView,
    private readonly commands: CommandPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly options: OrdersServiceOptions,
    private readonly metrics?: TradingMetrics,
  ) {}

  async place(accountId: string, body: unknown): Promise<Written<AlpacaOrder>> {
    const request = toOrderRequest(body);
    const validated = validateOrderRequest(request);
    if (!validated.ok) throw refused(validated.refusals);
    const orderId = this.ids.next();
    const decision = await this.decide(accountId, 'PlaceOrder', { orderId, request });
    if (decision === null) return { body: pendingNew(orderId, request.clientOrderId ?? orderId, validated.value, this.now()), seq: null };
    this.throwIfRefused(decision);
    return { body: toAlpacaOrder(this.mustFind(accountId, orderId)), seq: decision.seq };
  }

  async replace(accountId: string, orderId: string, body: unknown): Promise<Written<AlpacaOrder>> {
    const old = this.mustFind(accountId, orderId);
    const request = toReplaceRequest(body);
    const merged = validateOrderRequest({
      symbol: old.symbol,
      side: old.side,
      type: old.type,
      timeInForce: request.timeInForce ?? old.timeInForce,
      qty: request.qty ?? old.qty,
      notional: null,
      limitPrice: request.limitPrice ?? old.limitPrice,
      stopPrice: request.stopPrice ?? old.stopPrice,
      clientOrderId: request.clientOrderId ?? null,
    });
    if (!merged.ok) throw refused(merged.refusals);
    const replacementOrderId = this.ids.next();
    const decision = await this.decide(accountId, 'ReplaceOrder', { orderId, replacementOrderId, request });
    if (decision === null) {
      const body = { ...pendingNew(replacementOrderId, request.clientOrderId ?? replacementOrderId, merged.value, this.now()), replaces: orderId };
      return { body, seq: null };
    }
    this.throwIfRefused(decision);
    return { body: toAlpacaOrder(this.mustFind(accountId, replacementOrderId)), seq: decision.seq };
  }

  async cancel(accountId: string, orderId: string): Promise<Written<null>> {
    this.mustFind(accountId, orderId);
    const decision = await this.decide(accountId, 'CancelOrder', { orderId });
    if (decision !== null) this.throwIfRefused(decision);
    return { body: null, seq: decision?.seq ?? null };
  }

  async cancelAll(accountId: string): Promise<Written<CancelAllResult>> {
    const decision = await this.decide(accountId, 'CancelAllOrders', {});
    if (decision === null) return { body: [], seq: null };
    this.throwIfRefused(decision);
    const orderIds = decision.type === 'CancelAllOrdersRequested' ? (decision.payload as { orderIds: string[] }).orderIds : [];
    const body = orderIds.map((id) => {
      const order = this.view.order(accountId, id);
      return { id, status: 200, body: order ? toAlpacaOrder(order) : null };
    });
    return { body, seq: decision.seq };
  }

  private async decide(accountId: string, type: string, payload: unknown): Promise<EventEnvelope | null> {
    await this.view.ready();
    const started = performance.now();
    const command = this.commands.prepare(accountId, type, payload);
    const waiting = this.view.decisionFor(command.eventId, this.options.decisionTimeoutMs);
    await this.commands.publish(command);
    const decision = await waiting;
    const outcome = decision === null ? 'pending_new' : (decision.payload as { reason?: Refusal }).reason ? 'rejected' : 'accepted';
    this.metrics?.orderAckLatency.observe({ outcome }, (performance.now() - started) / 1000);
    return decision;
  }

  private throwIfRefused(decision: EventEnvelope): void {
    const reason = (decision.payload as { reason?: Refusal }).reason;
    if (reason) throw new OrderRefusedError(reason);
  }

  private mustFind(accountId: string, orderId: string): Order {
    const order = this.view.order(accountId, orderId);
    // another account's order is "not found" too: ids must not leak
    if (!order) throw new OrderNotFoundError(`id ${orderId}`);
    return order;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function refused(refusals: readonly Refusal[]): OrderRefusedError {
  const [first] = refusals as [Refusal, ...Refusal[]];
  return new OrderRefusedError({
    ...first,
    details: { ...first.details, ...(refusals.length > 1 ? { problems: refusals.map((r) => ({ code: r.code, field: r.field, message: r.message })) } : {}) },
  });
}

/** What the client gets when the OMS has not decided in time: the decision follows on the stream. */
function pendingNew(orderId: string, clientOrderId: string, spec: OrderSpec, at: string): AlpacaOrder {
  return toAlpacaOrder({
    ...spec,
    orderId,
    clientOrderId,
    status: 'pending_new',
    filledQty: '0',
    filledAvgPrice: null,
    replaces: null,
    replacedBy: null,
    submittedAt: at,
    updatedAt: at,
  });
}
