import { ReferencePrice } from '@trading/domain';

/** Where the OMS reads the latest price of a symbol when it decides (market data, in memory). */
export interface ReferencePriceSource {
  latest(symbol: string): ReferencePrice | null;
}

export const REFERENCE_PRICES = Symbol('REFERENCE_PRICES');
