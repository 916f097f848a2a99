import { toAlpacaPosition } from './alpaca-position.mapper';
import { assetIdOf } from './asset-reference';

const long = { symbol: 'AAPL', qty: '15', avgEntryPrice: '151.00', costBasis: '2265.00', currentPrice: '155.125', heldForOrders: '4' };

describe('an Alpaca position from the positions read model', () => {
  it('given a long position and a quote, then every Alpaca field is there with exact decimal strings', () => {
    expect(toAlpacaPosition(long)).toEqual({
      asset_id: assetIdOf('AAPL'),
      symbol: 'AAPL',
      exchange: 'NASDAQ',
      asset_class: 'us_equity',
      asset_marginable: false,
      avg_entry_price: '151.00',
      qty: '15',
      qty_available: '11',
      side: 'long',
      market_value: '2326.875',
      cost_basis: '2265.00',
      unrealized_pl: '61.875',
      unrealized_plpc: '0.027317880794702',
      unrealized_intraday_pl: '61.875',
      unrealized_intraday_plpc: '0.027317880794702',
      current_price: '155.125',
      lastday_price: '155.125',
      change_today: '0',
    });
  });

  it('given a short position, then quantity, values and cost are negative and a price rise is a loss', () => {
    const short = toAlpacaPosition({ symbol: 'MSFT', qty: '-0.5', avgEntryPrice: '400.00', costBasis: '200.00', currentPrice: '410.00', heldForOrders: '0.2' });

    expect(short).toMatchObject({
      side: 'short',
      qty: '-0.5',
      qty_available: '-0.3',
      market_value: '-205.00',
      cost_basis: '-200.00',
      unrealized_pl: '-5.00',
      unrealized_plpc: '-0.025',
    });
  });

  it('given no quote for the symbol, then it is valued at its entry price: no unrealized P&L', () => {
    expect(toAlpacaPosition({ ...long, symbol: 'XYZ', currentPrice: null })).toMatchObject({
      exchange: '',
      current_price: '151.00',
      market_value: '2265.00',
      unrealized_pl: '0.00',
      unrealized_plpc: '0',
    });
  });

  it('given more held by open orders than owned, then nothing is available', () => {
    expect(toAlpacaPosition({ ...long, heldForOrders: '20' }).qty_available).toBe('0');
  });

  it('given a symbol, then its asset id is a stable UUID', () => {
    expect(assetIdOf('AAPL')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(assetIdOf('AAPL')).toBe(assetIdOf('AAPL'));
    expect(assetIdOf('MSFT')).not.toBe(assetIdOf('AAPL'));
  });
});
