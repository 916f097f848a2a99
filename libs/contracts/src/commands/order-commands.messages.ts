import { defineMessage } from '@trading/messaging';
import { z } from 'zod';

/**
 * Commands as they travel on the commands topic, keyed by account. The envelope supplies the
 * account, the command id (its eventId) and the correlation id; the OMS adds the decision time
 * and the outside world's context (reference price, global trading state) before deciding. Order
 * fields stay untrusted text here: the domain validates them and refuses with reasons.
 */
const id = z.string().min(1).max(128);
const text = z.string().max(256);
const untrusted = text.nullable();

export const placeOrderMessage = defineMessage({
  type: 'PlaceOrder',
  schemaVersion: 1,
  payload: z.strictObject({
    orderId: id,
    request: z.strictObject({
      symbol: text,
      side: text,
      type: text,
      timeInForce: text,
      qty: untrusted,
      notional: untrusted,
      limitPrice: untrusted,
      stopPrice: untrusted,
      clientOrderId: untrusted,
    }),
  }),
});

export const replaceOrderMessage = defineMessage({
  type: 'ReplaceOrder',
  schemaVersion: 1,
  payload: z.strictObject({
    orderId: id,
    replacementOrderId: id,
    request: z.strictObject({
      qty: text.optional(),
      timeInForce: text.optional(),
      limitPrice: text.optional(),
      stopPrice: text.optional(),
      clientOrderId: text.optional(),
    }),
  }),
});

export const cancelOrderMessage = defineMessage({
  type: 'CancelOrder',
  schemaVersion: 1,
  payload: z.strictObject({ orderId: id }),
});

export const cancelAllOrdersMessage = defineMessage({
  type: 'CancelAllOrders',
  schemaVersion: 1,
  payload: z.strictObject({}),
});

export type PlaceOrderPayload = z.infer<typeof placeOrderMessage.payload>;
export type ReplaceOrderPayload = z.infer<typeof replaceOrderMessage.payload>;
export type CancelOrderPayload = z.infer<typeof cancelOrderMessage.payload>;
