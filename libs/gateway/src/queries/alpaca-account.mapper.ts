import { Dec, dec, DecimalString, formatMoney } from '@trading/domain';
import { AlpacaPosition } from './alpaca-position.mapper';

/** Alpaca Trading API v2 Account (a cash account: multiplier 1, no margin, no shorting). */
export interface AlpacaAccount {
  readonly id: string;
  readonly account_number: string;
  readonly status: 'ACTIVE';
  readonly crypto_status: 'INACTIVE';
  readonly currency: 'USD';
  readonly cash: string;
  readonly buying_power: string;
  readonly regt_buying_power: string;
  readonly daytrading_buying_power: string;
  readonly effective_buying_power: string;
  readonly non_marginable_buying_power: string;
  readonly options_buying_power: string;
  readonly bod_dtbp: string;
  readonly accrued_fees: string;
  readonly pending_transfer_in: string;
  readonly pending_transfer_out: string;
  readonly portfolio_value: string;
  readonly equity: string;
  readonly last_equity: string;
  readonly long_market_value: string;
  readonly short_market_value: string;
  readonly position_market_value: string;
  readonly initial_margin: string;
  readonly maintenance_margin: string;
  readonly last_maintenance_margin: string;
  readonly sma: string;
  readonly daytrade_count: number;
  readonly pattern_day_trader: boolean;
  readonly trading_blocked: boolean;
  readonly transfers_blocked: boolean;
  readonly account_blocked: boolean;
  readonly trade_suspended_by_user: boolean;
  readonly shorting_enabled: boolean;
  readonly multiplier: string;
  readonly created_at: string | null;
  readonly balance_asof: string;
  readonly options_approved_level: number;
  readonly options_trading_level: number;
  readonly intraday_adjustments: string;
  readonly pending_reg_taf_fees: string;
}

export interface AccountValuation {
  readonly accountId: string;
  /** As the positions read model holds it (the OMS's settled cash). */
  readonly cash: DecimalString;
  /** Cash the open orders reserve (from the orders read model). */
  readonly reservedCash: DecimalString;
  readonly positions: readonly Pick<AlpacaPosition, 'side' | 'market_value'>[];
  readonly asOf: Date;
}

const ZERO = '0';

/**
 * Buying power is the OMS's rule: cash minus what open orders reserve. Equity = cash + long
 * market value + short market value (negative). No previous close exists yet, so `last_equity`
 * is the current equity.
 */
export function toAlpacaAccount(valuation: AccountValuation): AlpacaAccount {
  const sum = (side: AlpacaPosition['side']) =>
    valuation.positions.filter((p) => p.side === side).reduce((total, p) => total.plus(p.market_value), new Dec(0));
  const cash = dec(valuation.cash);
  const long = sum('long');
  const short = sum('short');
  const equity = formatMoney(cash.plus(long).plus(short));
  const buyingPower = formatMoney(cash.minus(valuation.reservedCash));
  return {
    id: valuation.accountId,
    account_number: accountNumberOf(valuation.accountId),
    status: 'ACTIVE',
    crypto_status: 'INACTIVE',
    currency: 'USD',
    cash: formatMoney(cash),
    buying_power: buyingPower,
    regt_buying_power: buyingPower,
    daytrading_buying_power: ZERO,
    effective_buying_power: buyingPower,
    non_marginable_buying_power: buyingPower,
    options_buying_power: ZERO,
    bod_dtbp: ZERO,
    accrued_fees: ZERO,
    pending_transfer_in: ZERO,
    pending_transfer_out: ZERO,
    portfolio_value: equity,
    equity,
    last_equity: equity,
    long_market_value: formatMoney(long),
    short_market_value: formatMoney(short),
    position_market_value: formatMoney(long.plus(short)),
    initial_margin: ZERO,
    maintenance_margin: ZERO,
    last_maintenance_margin: ZERO,
    sma: ZERO,
    daytrade_count: 0,
    pattern_day_trader: false,
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: false,
    shorting_enabled: false,
    multiplier: '1',
    created_at: createdAtOf(valuation.accountId),
    balance_asof: valuation.asOf.toISOString().slice(0, 10),
    options_approved_level: 0,
    options_trading_level: 0,
    intraday_adjustments: ZERO,
    pending_reg_taf_fees: ZERO,
  };
}

/** Alpaca-style `PA…` number, derived from the (random tail of the) account id. */
export function accountNumberOf(accountId: string): string {
  return `PA${accountId.replace(/[^0-9a-z]/gi, '').slice(-10).toUpperCase()}`;
}

const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Account ids are UUIDv7 minted when the account is created: their first 48 bits are that instant. */
export function createdAtOf(accountId: string): string | null {
  const match = UUID_V7.exec(accountId);
  return match ? new Date(parseInt(`${match[1]}${match[2]}`, 16)).toISOString() : null;
}
