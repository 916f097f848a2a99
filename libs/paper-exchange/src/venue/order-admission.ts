import { BrokerOrder } from '@trading/broker-sdk';
import { Dec, DecimalBounds, parseDecimal } from '@trading/domain';
import { MarketQuote } from './market-quote';

export type Admission =
  | { readonly ok: true; readonly qty: Dec; readonly limitPrice: Dec | null; readonly stopPrice: Dec | null }
  | { readonly ok: false; readonly reason: string };

/** Fractional quantities: a notional order's quantity is rounded down to this many decimals. */
export const QTY_DECIMALS = 9;

const QTY: DecimalBounds = { maxDecimals: QTY_DECIMALS, sign: 'positive', max: '1000000000' };
const PRICE: DecimalBounds = { maxDecimals: 9, sign: 'positive', max: '1000000000' };

const refuse = (code: string, text: string): Admission => ({ ok: false, reason: `PAPER.${code}: ${text}` });

/**
 * What the venue checks before it works an order. Orders come from our own OMS, already
 * validated, but a venue refuses what it cannot work rather than guess.
 */
export function admitOrder(order: BrokerOrder, quote: MarketQuote | undefined): Admission {
  const needsLimit = order.type === 'limit' || order.type === 'stop_limit';
  const needsStop = order.type === 'stop' || order.type === 'stop_limit';
  const limit = needsLimit ? parseDecimal(order.limitPrice, PRICE) : null;
  if (limit && !limit.ok) return refuse('INVALID_ORDER', `limit price ${limit.problem}`);
  const stop = needsStop ? parseDecimal(order.stopPrice, PRICE) : null;
  if (stop && !stop.ok) return refuse('INVALID_ORDER', `stop price ${stop.problem}`);
  if (needsStop && (order.timeInForce === 'ioc' || order.timeInForce === 'fok')) {
    return refuse('INVALID_ORDER', 'ioc and fok apply to market and limit orders only');
  }
  if ((order.qty === null) === (order.notional === null)) {
    return refuse('INVALID_ORDER', 'exactly one of qty and notional must be set');
  }
  if (order.type === 'market' && !hasSide(quote, order)) {
    return refuse('NO_QUOTE', `no ${order.side === 'buy' ? 'ask' : 'bid'} quoted for ${order.symbol}; a market order needs one`);
  }
  const qty = quantity(order, hasSide(quote, order) ? sidePrice(quote, order) : null);
  if (!qty.ok) return qty;
  return { ok: true, qty: qty.value, limitPrice: limit?.ok ? limit.value : null, stopPrice: stop?.ok ? stop.value : null };
}

function quantity(order: BrokerOrder, price: Dec | null): { ok: true; value: Dec } | { ok: false; reason: string } {
  if (order.qty !== null) {
    const qty = parseDecimal(order.qty, QTY);
    return qty.ok ? qty : { ok: false, reason: `PAPER.INVALID_ORDER: qty ${qty.problem}` };
  }
  if (order.type !== 'market' || price === null) return { ok: false, reason: 'PAPER.INVALID_ORDER: notional applies to market orders only' };
  const notional = parseDecimal(order.notional, PRICE);
  if (!notional.ok) return { ok: false, reason: `PAPER.INVALID_ORDER: notional ${notional.problem}` };
  const value = notional.value.div(price).toDecimalPlaces(QTY_DECIMALS, Dec.ROUND_DOWN);
  if (value.isZero()) return { ok: false, reason: `PAPER.INVALID_ORDER: notional ${order.notional} buys less than 1e-${QTY_DECIMALS} at ${price.toString()}` };
  return { ok: true, value };
}

const sidePrice = (quote: MarketQuote, order: BrokerOrder): Dec => (order.side === 'buy' ? quote.askPrice : quote.bidPrice);

function hasSide(quote: MarketQuote | undefined, order: BrokerOrder): quote is MarketQuote {
  if (!quote) return false;
  return order.side === 'buy' ? quote.askPrice.gt(0) && quote.askSize.gt(0) : quote.bidPrice.gt(0) && quote.bidSize.gt(0);
}
