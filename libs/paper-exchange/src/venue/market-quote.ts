import { Dec, IsoTime } from '@trading/domain';

/** The top of the market for one symbol, as the venue trades against it. */
export interface MarketQuote {
  readonly symbol: string;
  readonly bidPrice: Dec;
  readonly bidSize: Dec;
  readonly askPrice: Dec;
  readonly askSize: Dec;
  readonly at: IsoTime;
}
