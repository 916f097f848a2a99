import { BrokerExecutionReport, BrokerOrder, BrokerOrderSnapshot, BrokerOrderState } from '@trading/broker-sdk';
import { Dec, IsoTime, OrderSide, epochMs, minDec } from '@trading/domain';
import { PaperExchangeConfig } from '../config/paper-exchange.config';
import { MarketQuote } from './market-quote';
import { Admission, admitOrder } from './order-admission';
import { ExpiryQueue } from './expiry-queue';
import { OrderBook } from './order-book';
import { SeededRandom } from './seeded-random';
import { nextSessionClose } from './session-close';
import { VenueIds } from './venue-ids';
import { VenueOrder, acceptsPrice, activeLimit, isStopOrder, remainingQty, toSnapshot } from './venue-order';
import * as report from './venue-reports';

type Reports = BrokerExecutionReport[];
type Admitted = Extract<Admission, { ok: true }>;

/** A quote and how much of its displayed size our orders have not taken yet. */
interface QuoteState {
  readonly quote: MarketQuote;
  askLeft: Dec;
  bidLeft: Dec;
}

const ZERO = new Dec(0);
const opposite = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

/**
 * The simulated venue: pure and deterministic (no clock, no timers; time comes in with every
 * call). Each call returns the reports it caused, in the order the venue decided them.
 */
export class PaperVenue {
  private readonly orders = new Map<string, VenueOrder>();
  private readonly books = new Map<string, OrderBook>();
  private readonly quotes = new Map<string, QuoteState>();
  private readonly lastTrade = new Map<string, Dec>();
  private readonly expiring = new ExpiryQueue();
  private readonly random: SeededRandom;
  private readonly ids: VenueIds;
  private readonly participation: Dec;
  private arrivals = 0;

  constructor(private readonly config: PaperExchangeConfig) {
    this.random = new SeededRandom(config.seed);
    this.ids = new VenueIds(config.venue);
    this.participation = new Dec(config.maxQuoteParticipation);
  }

  /** A client order id the venue already holds is ignored: a resubmit changes nothing. */
  submit(order: BrokerOrder, at: IsoTime): Reports {
    const out = this.expireDue(at);
    if (this.orders.has(order.clientOrderId)) return out;
    // one draw per new order, whatever its fate, so the n-th order's draw depends only on the seed
    const draw = this.random.next();
    const admission = admitOrder(order, this.quotes.get(order.symbol)?.quote);
    if (!admission.ok) this.reject(order, admission.reason, at, out);
    else if (draw < this.config.rejectRate) this.reject(order, 'PAPER.SIMULATED_REJECT: rejected by the simulated venue', at, out);
    else this.accept(order, admission, at, out);
    return out;
  }

  cancel(clientOrderId: string, at: IsoTime): Reports {
    const out = this.expireDue(at);
    const order = this.orders.get(clientOrderId);
    if (!order || order.state !== 'working') {
      out.push(report.cancelRejected(clientOrderId, order, notWorking(clientOrderId, order), at));
      return out;
    }
    this.close(order, 'canceled', at);
    out.push(report.canceled(order, null, at));
    return out;
  }

  /** Cancel and new order in one step: either both happen or the old order stays as it was. */
  replace(clientOrderId: string, replacement: BrokerOrder, at: IsoTime): Reports {
    const out = this.expireDue(at);
    const old = this.orders.get(clientOrderId);
    const refuse = (reason: string): Reports => {
      out.push(report.cancelRejected(clientOrderId, old, reason, at));
      return out;
    };
    if (!old || old.state !== 'working') return refuse(notWorking(clientOrderId, old));
    if (replacement.symbol !== old.order.symbol || replacement.side !== old.order.side) {
      return refuse('PAPER.INVALID_REPLACE: a replacement keeps the symbol and side');
    }
    if (this.orders.has(replacement.clientOrderId)) {
      return refuse(`PAPER.DUPLICATE_CLIENT_ORDER_ID: ${replacement.clientOrderId} is already known`);
    }
    const admission = admitOrder(replacement, this.quotes.get(replacement.symbol)?.quote);
    if (!admission.ok) return refuse(admission.reason);
    this.close(old, 'replaced', at);
    out.push(report.replaced(old, replacement.clientOrderId, at));
    this.accept(replacement, admission, at, out);
    return out;
  }

  /** A new top of the market: resets the liquidity our orders may take, triggers stops, fills resting orders. */
  quote(quote: MarketQuote, at: IsoTime): Reports {
    const out = this.expireDue(at);
    const { symbol } = quote;
    this.quotes.set(symbol, {
      quote,
      askLeft: quote.askSize.times(this.participation),
      bidLeft: quote.bidSize.times(this.participation),
    });
    this.triggerStops(symbol, at, out);
    const book = this.books.get(symbol);
    if (!book) return out;
    for (const side of ['buy', 'sell'] as const) {
      const filled: VenueOrder[] = [];
      // best first: once one order cannot take from the quote, none behind it can
      for (const order of book.bestFirst(side)) {
        if (!this.takeFromQuote(order, at, out)) break;
        if (order.state === 'filled') filled.push(order);
      }
      for (const order of filled) book.remove(order);
    }
    return out;
  }

  /** Expires every working DAY order now (the session closed). */
  endOfDay(at: IsoTime): Reports {
    const out: Reports = [];
    for (const order of this.orders.values()) {
      if (order.state === 'working' && order.order.timeInForce === 'day') this.expire(order, at, out);
    }
    return out;
  }

  lookup(clientOrderId: string): BrokerOrderSnapshot | null {
    const order = this.orders.get(clientOrderId);
    return order ? toSnapshot(order) : null;
  }

  openOrders(): BrokerOrderSnapshot[] {
    return [...this.orders.values()].filter((order) => order.state === 'working').map(toSnapshot);
  }

  /** Symbols with working orders: the ones whose quotes matter. */
  workingSymbols(): string[] {
    return [...this.books].filter(([, book]) => !book.isEmpty()).map(([symbol]) => symbol);
  }

  private accept(order: BrokerOrder, admission: Admitted, at: IsoTime, out: Reports): void {
    const close = this.config.sessionCloseUtc;
    const accepted = this.record(order, admission.qty, 'working', at, {
      limitPrice: admission.limitPrice,
      stopPrice: admission.stopPrice,
      expiresAt: order.timeInForce === 'day' && close !== null ? nextSessionClose(at, close) : null,
    });
    this.expiring.add(accepted);
    out.push(report.acknowledged(accepted, at));
    if (isStopOrder(accepted)) this.book(order.symbol).rest(accepted);
    else this.work(accepted, at, out);
    this.triggerStops(order.symbol, at, out);
  }

  private reject(order: BrokerOrder, reason: string, at: IsoTime, out: Reports): void {
    const refused = this.record(order, ZERO, 'rejected', at, { limitPrice: null, stopPrice: null, expiresAt: null });
    out.push(report.rejected(refused, reason, at));
  }

  private record(
    order: BrokerOrder,
    qty: Dec,
    state: BrokerOrderState,
    at: IsoTime,
    terms: Pick<VenueOrder, 'limitPrice' | 'stopPrice' | 'expiresAt'>,
  ): VenueOrder {
    const recorded: VenueOrder = {
      order,
      brokerOrderId: this.ids.order(),
      seq: ++this.arrivals,
      qty,
      ...terms,
      filledQty: ZERO,
      state,
      triggered: false,
      updatedAt: at,
    };
    this.orders.set(order.clientOrderId, recorded);
    return recorded;
  }

  /** An active order arriving (or a stop just triggered): the book first, then the quote, then TIF. */
  private work(order: VenueOrder, at: IsoTime, out: Reports): void {
    const { timeInForce } = order.order;
    if (timeInForce === 'fok' && this.liquidityFor(order).lt(remainingQty(order))) {
      this.close(order, 'canceled', at);
      out.push(report.canceled(order, 'PAPER.FOK_UNFILLED: not enough liquidity to fill the whole order', at));
      return;
    }
    const book = this.book(order.order.symbol);
    for (const resting of book.side(opposite(order.order.side))) {
      const price = activeLimit(resting);
      if (remainingQty(order).isZero()) break;
      if (price !== null && acceptsPrice(order, price)) this.trade(order, resting, price, at, out);
    }
    this.takeFromQuote(order, at, out);
    if (order.state !== 'working') return;
    if (timeInForce === 'ioc' || timeInForce === 'fok') {
      this.close(order, 'canceled', at);
      out.push(report.canceled(order, 'PAPER.IOC_REMAINDER: the unfilled rest of an IOC order is canceled', at));
      return;
    }
    book.rest(order);
  }

  private trade(incoming: VenueOrder, resting: VenueOrder, price: Dec, at: IsoTime, out: Reports): void {
    const qty = minDec(remainingQty(incoming), remainingQty(resting));
    this.execute(incoming, qty, price, at, out);
    this.execute(resting, qty, price, at, out);
    if (resting.state === 'filled') this.book(resting.order.symbol).remove(resting);
    this.lastTrade.set(incoming.order.symbol, price);
  }

  /** False when the order could take nothing: no quote, a price it does not accept, or no size left. */
  private takeFromQuote(order: VenueOrder, at: IsoTime, out: Reports): boolean {
    const state = this.quotes.get(order.order.symbol);
    if (!state) return false;
    const buy = order.order.side === 'buy';
    const price = buy ? state.quote.askPrice : state.quote.bidPrice;
    if (price.lte(0) || !acceptsPrice(order, price)) return false;
    const qty = minDec(remainingQty(order), buy ? state.askLeft : state.bidLeft);
    if (qty.lte(0)) return false;
    if (buy) state.askLeft = state.askLeft.minus(qty);
    else state.bidLeft = state.bidLeft.minus(qty);
    this.execute(order, qty, price, at, out);
    return true;
  }

  private execute(order: VenueOrder, qty: Dec, price: Dec, at: IsoTime, out: Reports): void {
    order.filledQty = order.filledQty.plus(qty);
    order.updatedAt = at;
    if (remainingQty(order).lte(0)) order.state = 'filled';
    out.push(report.fill(order, { executionId: this.ids.execution(), qty, price, venue: this.config.venue, at }));
  }

  /** What an order could take right now: crossing resting orders plus what is left of the quote. */
  private liquidityFor(order: VenueOrder): Dec {
    let total = ZERO;
    for (const resting of this.book(order.order.symbol).side(opposite(order.order.side))) {
      const price = activeLimit(resting);
      if (price !== null && acceptsPrice(order, price)) total = total.plus(remainingQty(resting));
    }
    const state = this.quotes.get(order.order.symbol);
    if (state) {
      const buy = order.order.side === 'buy';
      const price = buy ? state.quote.askPrice : state.quote.bidPrice;
      if (price.gt(0) && acceptsPrice(order, price)) total = total.plus(buy ? state.askLeft : state.bidLeft);
    }
    return total;
  }

  private triggerStops(symbol: string, at: IsoTime, out: Reports): void {
    const book = this.books.get(symbol);
    let next = book?.pendingStops().find((stop) => this.stopReached(stop));
    while (book && next) {
      book.remove(next);
      next.triggered = true;
      this.work(next, at, out);
      next = book.pendingStops().find((stop) => this.stopReached(stop));
    }
  }

  /** Buy stops trigger when the ask or a trade reaches the stop price from below, sell stops from above. */
  private stopReached(order: VenueOrder): boolean {
    const stop = order.stopPrice;
    if (stop === null) return true;
    const quote = this.quotes.get(order.order.symbol)?.quote;
    const last = this.lastTrade.get(order.order.symbol);
    if (order.order.side === 'buy') return (quote !== undefined && quote.askPrice.gt(0) && quote.askPrice.gte(stop)) || (last?.gte(stop) ?? false);
    return (quote !== undefined && quote.bidPrice.gt(0) && quote.bidPrice.lte(stop)) || (last?.lte(stop) ?? false);
  }

  /** DAY orders past their session close expire, stamped with the close time. */
  private expireDue(at: IsoTime): Reports {
    const out: Reports = [];
    for (const order of this.expiring.takeDue(epochMs(at))) this.expire(order, order.expiresAt ?? at, out);
    return out;
  }

  private expire(order: VenueOrder, at: IsoTime, out: Reports): void {
    this.close(order, 'expired', at);
    out.push(report.expired(order, at));
  }

  private close(order: VenueOrder, state: BrokerOrderState, at: IsoTime): void {
    order.state = state;
    order.updatedAt = at;
    this.books.get(order.order.symbol)?.remove(order);
  }

  private book(symbol: string): OrderBook {
    let book = this.books.get(symbol);
    if (!book) {
      book = new OrderBook();
      this.books.set(symbol, book);
    }
    return book;
  }
}

function notWorking(clientOrderId: string, order: VenueOrder | undefined): string {
  return order
    ? `PAPER.NOT_WORKING: order ${clientOrderId} is ${order.state}`
    : `PAPER.UNKNOWN_ORDER: no order ${clientOrderId} at this venue`;
}
