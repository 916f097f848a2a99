/** The order vocabulary of the Alpaca Trading API v2, as closed sets with type guards. */
export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIMES_IN_FORCE = ['day', 'gtc', 'ioc', 'fok'] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];

const member =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);

export const isOrderSide = member(ORDER_SIDES);
export const isOrderType = member(ORDER_TYPES);
export const isTimeInForce = member(TIMES_IN_FORCE);

export const needsLimitPrice = (type: OrderType): boolean => type === 'limit' || type === 'stop_limit';
export const needsStopPrice = (type: OrderType): boolean => type === 'stop' || type === 'stop_limit';
