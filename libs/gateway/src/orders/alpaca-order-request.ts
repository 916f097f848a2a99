import { OrderRequest, ReplaceRequest } from '@trading/domain';
import { MalformedRequestError } from './order-refused.error';

type Body = Readonly<Record<string, unknown>>;

const UNSUPPORTED = ['trail_price', 'trail_percent', 'take_profit', 'stop_loss', 'legs'] as const;

function asBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedRequestError('request body must be a JSON object', { field: null });
  }
  return body as Body;
}

/** A field as untrusted text: numbers arrive as their source text (see lossless-json). */
function text(body: Body, field: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  throw new MalformedRequestError(`${field} must be a string or a number`, { field });
}

function rejectUnsupported(body: Body): void {
  for (const field of UNSUPPORTED) {
    if (body[field] !== undefined && body[field] !== null) {
      throw new MalformedRequestError(`${field} is not supported`, { field });
    }
  }
  const orderClass = body.order_class;
  if (orderClass !== undefined && orderClass !== null && orderClass !== '' && orderClass !== 'simple') {
    throw new MalformedRequestError(`order_class ${JSON.stringify(orderClass)} is not supported`, { field: 'order_class' });
  }
  if (body.extended_hours !== undefined && body.extended_hours !== false && body.extended_hours !== null) {
    throw new MalformedRequestError('extended_hours orders are not supported', { field: 'extended_hours' });
  }
}

/** `POST /v2/orders` body (Alpaca's snake_case) to the domain's untrusted request. */
export function toOrderRequest(raw: unknown): OrderRequest {
  const body = asBody(raw);
  rejectUnsupported(body);
  return {
    symbol: text(body, 'symbol') ?? '',
    side: text(body, 'side') ?? '',
    type: text(body, 'type') ?? '',
    timeInForce: text(body, 'time_in_force') ?? '',
    qty: text(body, 'qty'),
    notional: text(body, 'notional'),
    limitPrice: text(body, 'limit_price'),
    stopPrice: text(body, 'stop_price'),
    clientOrderId: text(body, 'client_order_id'),
  };
}

/** `PATCH /v2/orders/{id}` body: only the fields Alpaca lets a replace change. */
export function toReplaceRequest(raw: unknown): ReplaceRequest {
  const body = asBody(raw);
  rejectUnsupported(body);
  const fields: [keyof ReplaceRequest, string][] = [
    ['qty', 'qty'],
    ['timeInForce', 'time_in_force'],
    ['limitPrice', 'limit_price'],
    ['stopPrice', 'stop_price'],
    ['clientOrderId', 'client_order_id'],
  ];
  const request: Record<string, string> = {};
  for (const [key, field] of fields) {
    const value = text(body, field);
    if (value !== null) request[key] = value;
  }
  if (Object.keys(request).length === 0) {
    throw new MalformedRequestError('a replace must change at least one of qty, time_in_force, limit_price, stop_price, client_order_id', {
      field: null,
    });
  }
  return request;
}
