import { Clock, DecimalString, dec, formatPrice } from '@trading/domain';
import { LatestQuotes } from '@trading/market-data';
import {
  OpenOrderHolds,
  OpenOrderHoldsQueryRepository,
  OrdersProgress,
  PositionsProgress,
  PositionsQueryRepository,
  StoredPosition,
} from '@trading/read-models';
import { AlpacaAccount, toAlpacaAccount } from './alpaca-account.mapper';
import { AlpacaPosition, toAlpacaPosition } from './alpaca-position.mapper';
import { assetIdOf } from './asset-reference';
import { AccountNotFoundError, PositionNotFoundError } from './portfolio.errors';
import { Consistent, ReadYourWrites } from './read-your-writes';

/**
 * `GET /v2/positions` and `GET /v2/account`: positions and cash from DynamoDB, open-order holds
 * from PostgreSQL, prices from the latest quotes. A token waits for both read models, since
 * quantities held and reserved cash come from the orders model.
 */
export class PortfolioService {
  constructor(
    private readonly positions: PositionsQueryRepository,
    private readonly holds: OpenOrderHoldsQueryRepository,
    private readonly positionsProgress: PositionsProgress,
    private readonly ordersProgress: OrdersProgress,
    private readonly quotes: LatestQuotes,
    private readonly clock: Clock,
    private readonly consistency: ReadYourWrites,
  ) {}

  list(accountId: string, token: number | null): Promise<Consistent<AlpacaPosition[]>> {
    return this.read(accountId, token, async () => {
      const [positions, holds] = await Promise.all([this.positions.openPositions(accountId), this.holds.holds(accountId)]);
      return positions.map((position) => this.value(position, holds)).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    });
  }

  /** By symbol (any case) or by the asset id the position answers carry. */
  one(accountId: string, symbolOrAssetId: string, token: number | null): Promise<Consistent<AlpacaPosition>> {
    return this.read(accountId, token, async () => {
      const symbol = symbolOrAssetId.toUpperCase();
      const [direct, holds] = await Promise.all([this.positions.openPosition(accountId, symbol), this.holds.holds(accountId)]);
      const position =
        direct ?? (await this.positions.openPositions(accountId)).find((candidate) => assetIdOf(candidate.symbol) === symbolOrAssetId.toLowerCase());
      if (!position) throw new PositionNotFoundError(symbolOrAssetId);
      return this.value(position, holds);
    });
  }

  account(accountId: string, token: number | null): Promise<Consistent<AlpacaAccount>> {
    return this.read(accountId, token, async () => {
      const [account, positions, holds] = await Promise.all([
        this.positions.account(accountId),
        this.positions.openPositions(accountId),
        this.holds.holds(accountId),
      ]);
      if (!account || account.cash === null) throw new AccountNotFoundError();
      return toAlpacaAccount({
        accountId,
        cash: account.cash,
        reservedCash: holds.reservedCash,
        positions: positions.map((position) => this.value(position, holds)),
        asOf: this.clock.now(),
      });
    });
  }

  private read<T>(accountId: string, token: number | null, query: () => Promise<T>): Promise<Consistent<T>> {
    return this.consistency.read([this.positionsProgress, this.ordersProgress], accountId, token, query);
  }

  private value(stored: StoredPosition, holds: OpenOrderHolds): AlpacaPosition {
    const held = holds.openQty.get(stored.symbol);
    const short = dec(stored.position.qty).isNegative();
    return toAlpacaPosition({
      symbol: stored.symbol,
      qty: stored.position.qty,
      avgEntryPrice: stored.position.avgEntryPrice,
      costBasis: stored.position.costBasis,
      currentPrice: this.currentPrice(stored.symbol),
      heldForOrders: (short ? held?.buy : held?.sell) ?? '0',
    });
  }

  /** Mid of the latest quote, exact (the OMS's reference price rule). */
  private currentPrice(symbol: string): DecimalString | null {
    const quote = this.quotes.latest(symbol);
    return quote ? formatPrice(dec(quote.bidPrice).plus(quote.askPrice).div(2)) : null;
  }
}
