/**
 * Alpaca order statuses the state machine reaches. `pending_new`: accepted by the OMS, not yet
 * acknowledged by the broker. `accepted` / `new`: acknowledged (not yet routed / working).
 */
export const ORDER_STATUSES = [
  'pending_new',
  'accepted',
  'new',
  'partially_filled',
  'pending_cancel',
  'pending_replace',
  'filled',
  'canceled',
  'expired',
  'replaced',
  'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['filled', 'canceled', 'expired', 'replaced', 'rejected'];

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isOpen(status: OrderStatus): boolean {
  return !isTerminal(status);
}

/** What the broker said when it acknowledged the order. */
export type VenueStatus = 'accepted' | 'new';
