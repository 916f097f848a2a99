/**
 * An order as a client asked for it, every field still untrusted text (the gateway turns JSON
 * numbers into strings without passing them through binary floats). Field names are the domain's
 * camelCase; refusals name fields in Alpaca's wire spelling (`time_in_force`).
 */
export interface OrderRequest {
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly timeInForce: string;
  readonly qty: string | null;
  readonly notional: string | null;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly clientOrderId: string | null;
}

/** The fields `PATCH /v2/orders/{id}` may change; an absent field keeps the old order's value. */
export interface ReplaceRequest {
  readonly qty?: string;
  readonly timeInForce?: string;
  readonly limitPrice?: string;
  readonly stopPrice?: string;
  readonly clientOrderId?: string;
}
