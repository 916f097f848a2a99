import { AccountBookEvent } from '../account-book/account-book.events';
import { ApplyExecutionReport } from '../account-book/commands/apply-execution-report.command';
import { CancelAllOrders } from '../account-book/commands/cancel-all-orders.command';
import { CancelOrder } from '../account-book/commands/cancel-order.command';
import { CommandMetadata } from '../account-book/commands/command-metadata';
import { ExecutionReport } from '../account-book/commands/execution-report';
import { OpenAccount } from '../account-book/commands/open-account.command';
import { PlaceOrder } from '../account-book/commands/place-order.command';
import { ReplaceOrder } from '../account-book/commands/replace-order.command';
import { SetRiskLimits } from '../account-book/commands/set-risk-limits.command';
import { SetTradingState } from '../account-book/commands/set-trading-state.command';
import { AccountOpened } from '../account-book/events/account.events';
import { OrderPlaced } from '../account-book/events/order-decision.events';
import { dec, formatMoney } from '../decimal';
import { OrderRequest, ReplaceRequest } from '../orders/order-request';
import { OrderSpec } from '../orders/order-spec';
import { RiskAcceptance } from '../risk/risk-acceptance';
import { DEFAULT_RISK_LIMITS, RiskLimitsPatch } from '../risk/risk-limits';
import { TradingState } from '../risk/trading-state';

/** Builders of commands and events for the account-book specs; defaults describe a plain day. */
export const ACCOUNT_ID = 'acc-1';
export const T0 = '2024-05-01T14:00:00.000Z';

/** `T0` plus some seconds (fractions allowed), as an ISO time. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + Math.round(seconds * 1000)).toISOString();
}

export function metadata(commandId: string, time = T0): CommandMetadata {
  return { commandId, correlationId: `corr-${commandId}`, at: time };
}

export interface CommandOptions {
  readonly commandId?: string;
  readonly at?: string;
}

export function openAccount(options: CommandOptions & { cash?: string; limits?: RiskLimitsPatch } = {}): OpenAccount {
  return {
    type: 'OpenAccount',
    accountId: ACCOUNT_ID,
    startingCash: options.cash ?? '100000',
    ...(options.limits ? { limits: options.limits } : {}),
    metadata: metadata(options.commandId ?? 'open', options.at),
  };
}

export function accountOpened(options: CommandOptions & { cash?: string; limits?: RiskLimitsPatch } = {}): AccountOpened {
  return {
    type: 'AccountOpened',
    accountId: ACCOUNT_ID,
    commandId: options.commandId ?? 'open',
    at: options.at ?? T0,
    cash: options.cash ?? '100000.00',
    limits: { ...DEFAULT_RISK_LIMITS, ...options.limits },
    limitSetVersion: 1,
    tradingState: 'ACTIVE',
  };
}

export function setRiskLimits(limits: RiskLimitsPatch, options: CommandOptions = {}): SetRiskLimits {
  return { type: 'SetRiskLimits', accountId: ACCOUNT_ID, limits, metadata: metadata(options.commandId ?? 'limits', options.at) };
}

export function setTradingState(tradingState: TradingState, options: CommandOptions = {}): SetTradingState {
  return {
    type: 'SetTradingState',
    accountId: ACCOUNT_ID,
    tradingState,
    reason: 'test',
    metadata: metadata(options.commandId ?? `state-${tradingState}`, options.at),
  };
}

export interface OrderCommandOptions extends CommandOptions {
  /** The reference price of the order's symbol; null: none known. Defaults to 150.00, fresh. */
  readonly referencePrice?: string | null;
  readonly referenceAt?: string;
  readonly referenceSymbol?: string;
  readonly globalTradingState?: TradingState;
}

/** A limit buy of 10 AAPL at 150.00, day, unless told otherwise. */
export function orderRequest(request: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: 'AAPL',
    side: 'buy',
    type: 'limit',
    timeInForce: 'day',
    qty: '10',
    notional: null,
    limitPrice: '150.00',
    stopPrice: null,
    clientOrderId: null,
    ...request,
  };
}

function context(symbol: string, options: OrderCommandOptions): PlaceOrder['context'] {
  const price = options.referencePrice === undefined ? '150.00' : options.referencePrice;
  return {
    referencePrice:
      price === null
        ? null
        : { symbol: options.referenceSymbol ?? symbol, price, at: options.referenceAt ?? options.at ?? T0, source: 'test-feed' },
    globalTradingState: options.globalTradingState ?? 'ACTIVE',
  };
}

export function placeOrder(orderId: string, request: Partial<OrderRequest> = {}, options: OrderCommandOptions = {}): PlaceOrder {
  const full = orderRequest(request);
  return {
    type: 'PlaceOrder',
    accountId: ACCOUNT_ID,
    request: full,
    context: context(full.symbol.toUpperCase(), options),
    metadata: { ...metadata(options.commandId ?? `place-${orderId}`, options.at), orderId },
  };
}

export function replaceOrder(
  orderId: string,
  replacementOrderId: string,
  request: ReplaceRequest,
  options: OrderCommandOptions & { symbol?: string } = {},
): ReplaceOrder {
  return {
    type: 'ReplaceOrder',
    accountId: ACCOUNT_ID,
    orderId,
    request,
    context: context(options.symbol ?? 'AAPL', options),
    metadata: { ...metadata(options.commandId ?? `replace-${replacementOrderId}`, options.at), orderId: replacementOrderId },
  };
}

export function cancelOrder(orderId: string, options: CommandOptions = {}): CancelOrder {
  return { type: 'CancelOrder', accountId: ACCOUNT_ID, orderId, metadata: metadata(options.commandId ?? `cancel-${orderId}`, options.at) };
}

export function cancelAllOrders(options: CommandOptions = {}): CancelAllOrders {
  return { type: 'CancelAllOrders', accountId: ACCOUNT_ID, metadata: metadata(options.commandId ?? 'cancel-all', options.at) };
}

export function executionReport(report: ExecutionReport, options: CommandOptions = {}): ApplyExecutionReport {
  const id = 'executionId' in report ? report.executionId : `${report.kind}-${report.orderId}`;
  return { type: 'ApplyExecutionReport', accountId: ACCOUNT_ID, report, metadata: metadata(options.commandId ?? `report-${id}`, options.at) };
}

export const acknowledged = (orderId: string, venueStatus: 'new' | 'accepted' = 'new', options: CommandOptions = {}) =>
  executionReport({ kind: 'acknowledged', orderId, venueStatus }, options);

export const fill = (orderId: string, executionId: string, qty: string, price: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'fill', orderId, executionId, qty, price }, options);

export const partialFill = (orderId: string, executionId: string, qty: string, price: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'partial_fill', orderId, executionId, qty, price }, options);

export const brokerCanceled = (orderId: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'canceled', orderId, reason: null }, options);

export const brokerExpired = (orderId: string, options: CommandOptions = {}) => executionReport({ kind: 'expired', orderId }, options);

export const brokerRejected = (orderId: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'rejected', orderId, reason: 'venue closed' }, options);

export const cancelRejectedByBroker = (orderId: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'cancel_rejected', orderId, reason: 'too late' }, options);

export const brokerReplaced = (orderId: string, replacementOrderId: string, options: CommandOptions = {}) =>
  executionReport({ kind: 'replaced', orderId, replacementOrderId }, options);

/** The canonical spec of a request (what validation makes of the defaults). */
export function orderSpec(spec: Partial<OrderSpec> = {}): OrderSpec {
  return {
    symbol: 'AAPL',
    side: 'buy',
    type: 'limit',
    timeInForce: 'day',
    qty: '10',
    notional: null,
    limitPrice: '150.00',
    stopPrice: null,
    ...spec,
  };
}

/**
 * An `OrderPlaced` as a given: a limit order reserving qty x limit price for buys, with the
 * default limit set and a reference price of 150.00 at T0, unless told otherwise.
 */
export function orderPlaced(
  orderId: string,
  spec: Partial<OrderSpec> = {},
  options: CommandOptions & { clientOrderId?: string; risk?: Partial<RiskAcceptance> } = {},
): OrderPlaced {
  const order = orderSpec(spec);
  const price = order.limitPrice ?? order.stopPrice ?? '150.00';
  const qty = order.qty ?? '0';
  const buyByQty = order.side === 'buy' && order.qty !== null;
  return {
    type: 'OrderPlaced',
    accountId: ACCOUNT_ID,
    commandId: options.commandId ?? `place-${orderId}`,
    at: options.at ?? T0,
    orderId,
    clientOrderId: options.clientOrderId ?? orderId,
    order,
    risk: {
      limitSetVersion: 1,
      referencePrice: { symbol: order.symbol, price: '150.00', at: options.at ?? T0, source: 'test-feed' },
      tradingState: 'ACTIVE',
      estimatedNotional: order.notional ?? formatMoney(dec(qty).times(price)),
      exposureQty: qty,
      reservePrice: buyByQty ? price : null,
      reservedCash: order.side === 'sell' ? '0.00' : order.notional ?? formatMoney(dec(qty).times(price)),
      ...options.risk,
    },
  };
}

/** Events of a position bought and settled: `qty` shares of `symbol` filled at `price`. */
export function heldPosition(symbol: string, qty: string, price = '100.00'): AccountBookEvent[] {
  const orderId = `seed-${symbol}`;
  const value = dec(qty).times(price);
  return [
    orderPlaced(orderId, { symbol, qty, limitPrice: price }),
    {
      type: 'OrderFilled',
      accountId: ACCOUNT_ID,
      commandId: `seed-fill-${symbol}`,
      at: T0,
      orderId,
      symbol,
      side: 'buy',
      executionId: `seed-exec-${symbol}`,
      venue: null,
      executedAt: null,
      qty,
      price,
      filledQty: qty,
      filledAvgPrice: price,
      status: 'filled',
      cash: formatMoney(dec('100000').minus(value)),
      positionQty: qty,
    },
  ];
}
