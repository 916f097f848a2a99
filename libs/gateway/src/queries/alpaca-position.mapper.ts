import { Dec, dec, DecimalString, formatDecimal, formatMoney, formatPrice, formatQty, maxDec } from '@trading/domain';
import { assetIdOf, exchangeOf } from './asset-reference';

/** Alpaca Trading API v2 Position: snake_case, decimals as strings, signed for shorts. */
export interface AlpacaPosition {
  readonly asset_id: string;
  readonly symbol: string;
  readonly exchange: string;
  readonly asset_class: 'us_equity';
  readonly asset_marginable: boolean;
  readonly avg_entry_price: string;
  readonly qty: string;
  readonly qty_available: string;
  readonly side: 'long' | 'short';
  readonly market_value: string;
  readonly cost_basis: string;
  readonly unrealized_pl: string;
  readonly unrealized_plpc: string;
  readonly unrealized_intraday_pl: string;
  readonly unrealized_intraday_plpc: string;
  readonly current_price: string;
  readonly lastday_price: string;
  readonly change_today: string;
}

export interface PositionValuation {
  readonly symbol: string;
  /** Signed: below zero for a short. */
  readonly qty: DecimalString;
  readonly avgEntryPrice: DecimalString;
  /** |qty| x avg entry price. */
  readonly costBasis: DecimalString;
  /** Mid of the latest quote; null without one (then valued at the entry price). */
  readonly currentPrice: DecimalString | null;
  /** Open orders' quantity on the closing side (sells for a long, buys for a short). */
  readonly heldForOrders: DecimalString;
}

/** Ratios (P&L percentages) are the one rounded value: half-even to this many places, trailing zeros dropped. */
export const RATIO_DECIMALS = 16;

/**
 * The valuation is exact: market value = qty x price, unrealized P&L = market value - cost basis
 * (both signed, so a short gains when the price falls). No previous close exists in this system:
 * `lastday_price` is the current price, `change_today` 0, and the intraday P&L is the whole
 * unrealized P&L (the session is the holding period).
 */
export function toAlpacaPosition(valuation: PositionValuation): AlpacaPosition {
  const qty = dec(valuation.qty);
  const short = qty.isNegative();
  const price = dec(valuation.currentPrice ?? valuation.avgEntryPrice);
  const costBasis = short ? dec(valuation.costBasis).neg() : dec(valuation.costBasis);
  const marketValue = qty.times(price);
  const pl = marketValue.minus(costBasis);
  const plpc = ratio(pl, costBasis.abs());
  const available = maxDec(qty.abs().minus(valuation.heldForOrders), new Dec(0));
  return {
    asset_id: assetIdOf(valuation.symbol),
    symbol: valuation.symbol,
    exchange: exchangeOf(valuation.symbol),
    asset_class: 'us_equity',
    asset_marginable: false,
    avg_entry_price: formatPrice(dec(valuation.avgEntryPrice)),
    qty: formatQty(qty),
    qty_available: formatQty(short ? available.neg() : available),
    side: short ? 'short' : 'long',
    market_value: formatMoney(marketValue),
    cost_basis: formatMoney(costBasis),
    unrealized_pl: formatMoney(pl),
    unrealized_plpc: plpc,
    unrealized_intraday_pl: formatMoney(pl),
    unrealized_intraday_plpc: plpc,
    current_price: formatPrice(price),
    lastday_price: formatPrice(price),
    change_today: '0',
  };
}

function ratio(numerator: Dec, denominator: Dec): DecimalString {
  return denominator.isZero() ? '0' : formatDecimal(numerator.div(denominator).toDecimalPlaces(RATIO_DECIMALS));
}
