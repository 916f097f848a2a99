/**
 * The PostgreSQL advisory lock a rebuild's switch-over holds exclusively while it swaps the orders
 * tables; every live batch holds it shared, so no batch interleaves with the swap.
 */
export const ORDERS_SWITCH_LOCK = '7310001001';
