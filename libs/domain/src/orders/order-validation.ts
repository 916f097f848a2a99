import { Dec, DecimalBounds, formatMoney, formatPrice, formatQty, parseDecimal } from '../decimal';
import { OrderValidationCode } from '../shared/refusal-codes';
import { Checked, Refusal, accept, refusal, refuse } from '../shared/refusal';
import {
  MAX_DECIMALS_AT_OR_ABOVE_ONE_DOLLAR,
  NOTIONAL_BOUNDS,
  PRICE_BOUNDS,
  QTY_BOUNDS,
  isClientOrderId,
  normalizeSymbol,
} from './order-limits';
import { OrderRequest } from './order-request';
import { OrderSpec } from './order-spec';
import {
  ORDER_SIDES,
  ORDER_TYPES,
  TIMES_IN_FORCE,
  isOrderSide,
  isOrderType,
  isTimeInForce,
  needsLimitPrice,
  needsStopPrice,
} from './order-values';

const issue = (code: OrderValidationCode, field: string, problem: string): Refusal =>
  refusal(code, `${field} ${problem}`, { field });

/**
 * Checks an untrusted order request and returns the canonical spec, or every problem found, each
 * with a code and the Alpaca field name. The gateway (for a 422 before anything is appended) and
 * the OMS (which trusts nothing read from Kafka) call the same function.
 */
export function validateOrderRequest(request: OrderRequest): Checked<OrderSpec> {
  const issues: Refusal[] = [];
  const symbol = normalizeSymbol(request.symbol);
  if (symbol === null) issues.push(issue('ORDER.INVALID_SYMBOL', 'symbol', `"${request.symbol.slice(0, 32)}" is not a symbol`));
  if (!isOrderSide(request.side)) issues.push(issue('ORDER.INVALID_SIDE', 'side', `must be one of ${ORDER_SIDES.join(', ')}`));
  if (!isOrderType(request.type)) issues.push(issue('ORDER.INVALID_TYPE', 'type', `must be one of ${ORDER_TYPES.join(', ')}`));
  if (!isTimeInForce(request.timeInForce)) {
    issues.push(issue('ORDER.INVALID_TIME_IN_FORCE', 'time_in_force', `must be one of ${TIMES_IN_FORCE.join(', ')}`));
  }
  if (request.clientOrderId !== null && !isClientOrderId(request.clientOrderId)) {
    issues.push(issue('ORDER.INVALID_CLIENT_ORDER_ID', 'client_order_id', 'must be 1 to 128 printable characters without spaces'));
  }
  const type = isOrderType(request.type) ? request.type : null;
  const tif = isTimeInForce(request.timeInForce) ? request.timeInForce : null;
  const amount = checkAmount(request, type, tif, issues);
  const limitPrice = checkPrice(request.limitPrice, 'limit_price', type === null ? null : needsLimitPrice(type), issues);
  const stopPrice = checkPrice(request.stopPrice, 'stop_price', type === null ? null : needsStopPrice(type), issues);

  const [first, ...rest] = issues;
  if (first) return refuse(first, ...rest);
  return accept({
    symbol: symbol as string,
    side: request.side as OrderSpec['side'],
    type: type as OrderSpec['type'],
    timeInForce: tif as OrderSpec['timeInForce'],
    qty: amount.qty,
    notional: amount.notional,
    limitPrice,
    stopPrice,
  });
}

function checkAmount(
  request: OrderRequest,
  type: OrderSpec['type'] | null,
  tif: OrderSpec['timeInForce'] | null,
  issues: Refusal[],
): { qty: string | null; notional: string | null } {
  const none = { qty: null, notional: null };
  if (request.qty !== null && request.notional !== null) {
    issues.push(issue('ORDER.QTY_AND_NOTIONAL', 'qty', 'and notional are mutually exclusive: give one'));
    return none;
  }
  if (request.qty === null && request.notional === null) {
    issues.push(issue('ORDER.MISSING_QTY', 'qty', 'or notional is required'));
    return none;
  }
  if (request.notional !== null) {
    const notional = checkDecimal(request.notional, 'notional', 'ORDER.INVALID_NOTIONAL', NOTIONAL_BOUNDS, issues);
    if (notional && (type !== 'market' || tif !== 'day')) {
      issues.push(issue('ORDER.INVALID_NOTIONAL', 'notional', 'is only allowed on market orders with time_in_force day'));
      return none;
    }
    return { qty: null, notional: notional ? formatMoney(notional) : null };
  }
  const qty = checkDecimal(request.qty, 'qty', 'ORDER.INVALID_QTY', QTY_BOUNDS, issues);
  if (qty && !qty.isInteger() && tif !== 'day') {
    issues.push(issue('ORDER.INVALID_QTY', 'qty', 'may be fractional only with time_in_force day'));
    return none;
  }
  return { qty: qty ? formatQty(qty) : null, notional: null };
}

/** `required` is null when the order type is unknown: then only the value itself is checked. */
function checkPrice(text: string | null, field: 'limit_price' | 'stop_price', required: boolean | null, issues: Refusal[]): string | null {
  const kind = field === 'limit_price' ? 'LIMIT' : 'STOP';
  if (text === null) {
    if (required === true) issues.push(issue(`ORDER.MISSING_${kind}_PRICE`, field, 'is required for this order type'));
    return null;
  }
  if (required === false) {
    issues.push(issue(`ORDER.UNEXPECTED_${kind}_PRICE`, field, 'is not allowed for this order type'));
    return null;
  }
  const price = checkDecimal(text, field, `ORDER.INVALID_${kind}_PRICE`, PRICE_BOUNDS, issues);
  if (price && price.gte(1) && price.decimalPlaces() > MAX_DECIMALS_AT_OR_ABOVE_ONE_DOLLAR) {
    issues.push(issue(`ORDER.INVALID_${kind}_PRICE`, field, 'of $1 or more takes at most 2 decimal places (sub-penny increment)'));
    return null;
  }
  return price ? formatPrice(price) : null;
}

function checkDecimal(
  text: string | null,
  field: string,
  code: OrderValidationCode,
  bounds: DecimalBounds,
  issues: Refusal[],
): Dec | null {
  const parsed = parseDecimal(text, bounds);
  if (parsed.ok) return parsed.value;
  issues.push(issue(code, field, parsed.problem));
  return null;
}
