import fc from 'fast-check';

/**
 * Random requests for the order endpoints: mostly order-shaped bodies whose Alpaca fields hold
 * near-valid or hostile values (so the fuzz reaches deep validation and, now and then, the OMS),
 * plus arbitrary JSON, malformed JSON, odd content types and encodings, and oversized bodies.
 */
export interface FuzzRequest {
  /** The body exactly as sent; undefined sends none. */
  readonly body: string | undefined;
  /** undefined lets fetch choose (text/plain for a string body). */
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
}

/** JSON text spliced in verbatim: numbers that JSON.stringify cannot write (`1e309`, 40 digits). */
class RawJson {
  constructor(readonly raw: string) {}
}
type FuzzValue = null | boolean | string | RawJson | readonly FuzzValue[] | { readonly [key: string]: FuzzValue };

export function toJsonText(value: FuzzValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof RawJson) return value.raw;
  if (Array.isArray(value)) return `[${(value as readonly FuzzValue[]).map(toJsonText).join(',')}]`;
  const entries = Object.entries(value as { readonly [key: string]: FuzzValue });
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${toJsonText(inner)}`).join(',')}}`;
}

const raw = (text: string): RawJson => new RawJson(text);

const hostileNumber: fc.Arbitrary<RawJson> = fc.oneof(
  fc.constantFrom('1e309', '-1e309', '1e-400', '1E2', '-0', '0', '-5', '0.0000000001', '1.1234567891', '99999999999999999999.99', '123456789012345678901234567890').map(raw),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => raw(String(n))),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => raw(String(n))),
);

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '0x10', '1e3', ' 1', '1 ', '+1', '.5', '5.', '1_000', '1,5', '１', '١٢٣', '𝟏', '', ' ', 'null', 'true'),
  fc.constantFrom('\u0000', 'AAPL\n', 'A\u0301APL', 'ＡＡＰＬ', '💹', '\ud800', "'; DROP TABLE orders; --", '${jndi:ldap://127.0.0.1/x}', '../../etc/passwd'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(200, 5_000, 40_000).map((length) => 'Q'.repeat(length)),
);

const anyJson: fc.Arbitrary<FuzzValue> = fc.jsonValue({ maxDepth: 3 }).map((value) => value as FuzzValue);

const decimal = (maxWhole: number, maxDecimals: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: maxDecimals }), fc.integer({ min: 0, max: 999_999_999 }))
    .map(([whole, places, digits]) => (places === 0 ? String(whole) : `${whole}.${String(digits).padStart(9, '0').slice(0, places)}`));

/** Values the validation could accept for each Alpaca field, or almost. */
const nearValid: Readonly<Record<string, fc.Arbitrary<FuzzValue>>> = {
  symbol: fc.constantFrom('AAPL', 'MSFT', 'SPY', 'aapl', 'ZZZZ', 'BRK.B', 'BTC/USD'),
  side: fc.constantFrom('buy', 'sell', 'BUY', 'short'),
  type: fc.constantFrom('market', 'limit', 'stop', 'stop_limit', 'trailing_stop', 'Limit'),
  time_in_force: fc.constantFrom('day', 'gtc', 'ioc', 'fok', 'opg', 'cls', 'DAY'),
  qty: fc.oneof(decimal(20, 2), decimal(100_000, 10), fc.integer({ min: 1, max: 5 }).map((n) => raw(String(n)))),
  notional: fc.oneof(decimal(5_000, 2), decimal(5_000, 4)),
  limit_price: fc.oneof(decimal(600, 2), decimal(600, 5), fc.integer({ min: 100, max: 600 }).map((n) => raw(String(n)))),
  stop_price: fc.oneof(decimal(600, 2), decimal(2, 4)),
  client_order_id: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }),
  extended_hours: fc.constantFrom(false, true, null),
  order_class: fc.constantFrom('simple', '', 'bracket', 'oco', null),
  take_profit: fc.constant({ limit_price: '300.00' }),
  trail_percent: fc.constantFrom('1', null),
};

const hostile: fc.Arbitrary<FuzzValue> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: anyJson },
);

const field = (name: string, nearValidWeight: number): fc.Arbitrary<FuzzValue> =>
  fc.oneof({ weight: nearValidWeight, arbitrary: nearValid[name] as fc.Arbitrary<FuzzValue> }, { weight: 1, arbitrary: hostile });

const sometimes = <T>(arbitrary: fc.Arbitrary<T>, empty: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(empty) }, { weight: 1, arbitrary: arbitrary });

const fieldsOf = (names: readonly string[], required: readonly string[], nearValidWeight: number) =>
  fc.record(Object.fromEntries(names.map((name) => [name, field(name, nearValidWeight)])), { requiredKeys: [...required] });

/**
 * An object with Alpaca's field names: each present or not, each value near-valid or hostile;
 * now and then with fields we do not support (`take_profit`, ...) or with unknown keys.
 */
const orderShaped = (fields: readonly string[], required: readonly string[], rare: readonly string[]): fc.Arbitrary<FuzzValue> =>
  fc
    .tuple(
      fieldsOf(fields, required, 12),
      sometimes(fieldsOf(rare, [], 4), {}),
      sometimes(fc.dictionary(fc.string({ maxLength: 12 }), hostile, { maxKeys: 3 }), {}),
    )
    .map(([known, unsupported, unknown]): FuzzValue => ({ ...unknown, ...unsupported, ...known }));

const ORDER_FIELDS = ['symbol', 'side', 'type', 'time_in_force', 'qty', 'notional', 'limit_price', 'stop_price', 'client_order_id'];
const UNSUPPORTED_FIELDS = ['extended_hours', 'order_class', 'take_profit', 'trail_percent'];
const REPLACE_FIELDS = ['qty', 'time_in_force', 'limit_price', 'stop_price', 'client_order_id'];

/** A valid market order (the simulated symbols have reference prices) with at most one field changed. */
const almostValidOrder: fc.Arbitrary<FuzzValue> = fc
  .tuple(
    fc.record({
      symbol: fc.constantFrom('AAPL', 'MSFT', 'SPY'),
      side: fc.constantFrom('buy', 'sell'),
      type: fc.constant('market'),
      time_in_force: fc.constantFrom('day', 'gtc', 'ioc', 'fok'),
      qty: fc.integer({ min: 1, max: 20 }).map(String),
    }),
    fc.option(fc.tuple(fc.constantFrom(...ORDER_FIELDS, ...UNSUPPORTED_FIELDS), fc.option(fc.oneof(hostile, ...Object.values(nearValid)))), { freq: 3 }),
  )
  .map(([order, change]): FuzzValue => {
    if (change === null) return order;
    const [name, value] = change;
    const changed: Record<string, FuzzValue> = { ...order };
    if (value === null) delete changed[name];
    else changed[name] = value;
    return changed;
  });

/** A valid replace of a day limit buy (qty, limit price, time in force), perhaps with one field changed. */
const almostValidReplace: fc.Arbitrary<FuzzValue> = fc
  .tuple(
    fc.record(
      {
        qty: fc.integer({ min: 1, max: 20 }).map(String),
        limit_price: fc.integer({ min: 15_000, max: 25_000 }).map((cents) => (cents / 100).toFixed(2)),
        time_in_force: fc.constantFrom('day', 'gtc'),
      },
      { requiredKeys: [] },
    ),
    fc.option(fc.tuple(fc.constantFrom(...REPLACE_FIELDS, 'notional', 'trail_percent'), fc.oneof(hostile, ...Object.values(nearValid))), { freq: 2 }),
  )
  .map(([replace, change]): FuzzValue => (change === null ? replace : { ...replace, [change[0]]: change[1] }));

const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '}', '{"qty": }', '{"qty": -}', '[1,]', "{'symbol':'AAPL'}", '{"a":1}}', 'NaN', '{"qty": 1e}', '{"qty": 01}', '\u0000', '   '),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.tuple(orderShaped(ORDER_FIELDS, [], UNSUPPORTED_FIELDS), fc.nat()).map(([value, cut]) => {
    const text = toJsonText(value);
    return text.slice(0, cut % Math.max(1, text.length));
  }),
  fc.constantFrom(100_000, 70_000).map((length) => `{"symbol":"${'A'.repeat(length)}"}`),
);

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 16, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; charset=bogus',
      'application/merge-patch+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '',
      'ä/ö',
    ),
  },
);

const contentEncoding: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 30, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'zstd', 'identity', 'x-unknown') },
);

const request = (body: fc.Arbitrary<string | undefined>): fc.Arbitrary<FuzzRequest> =>
  fc.record({ body, contentType, contentEncoding });

const bodies = (shaped: fc.Arbitrary<FuzzValue>): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 8, arbitrary: shaped.map(toJsonText) },
    { weight: 3, arbitrary: anyJson.map(toJsonText) },
    { weight: 1, arbitrary: hostileNumber.map(toJsonText) },
    { weight: 2, arbitrary: malformedJson },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

/** Bodies for `POST /v2/orders`. */
export const placeRequest: fc.Arbitrary<FuzzRequest> = request(
  fc.oneof(
    { weight: 3, arbitrary: bodies(orderShaped(ORDER_FIELDS, ['symbol', 'side', 'type', 'time_in_force'], UNSUPPORTED_FIELDS)) },
    { weight: 1, arbitrary: almostValidOrder.map(toJsonText) },
  ),
);

/** Bodies for `PATCH /v2/orders/{id}`. */
export const replaceRequest: fc.Arbitrary<FuzzRequest> = request(
  fc.oneof(
    { weight: 2, arbitrary: bodies(orderShaped(REPLACE_FIELDS, [], ['trail_percent', 'extended_hours', 'notional'])) },
    { weight: 1, arbitrary: almostValidReplace.map(toJsonText) },
  ),
);
