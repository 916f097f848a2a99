import { InvalidMarketDataOptionsError, resolveMarketDataOptions } from './market-data.options';
import { SIMULATED_SYMBOLS } from './simulation/simulated-symbols';

describe('resolveMarketDataOptions', () => {
  it('publishes every documented symbol once a second from seed 1 by default', () => {
    const options = resolveMarketDataOptions();

    expect(options).toEqual({ symbols: SIMULATED_SYMBOLS, seed: 1, intervalMs: 1000, publish: true });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('keeps the chosen symbols, in the documented order', () => {
    const options = resolveMarketDataOptions({ symbols: ['SPY', 'AAPL'], seed: 9, intervalMs: 250, publish: false });

    expect(options.symbols.map((s) => s.symbol)).toEqual(['AAPL', 'SPY']);
    expect(options).toMatchObject({ seed: 9, intervalMs: 250, publish: false });
  });

  it('names every problem at once', () => {
    const resolve = () => resolveMarketDataOptions({ symbols: ['AAPL', 'ZZZZ'], seed: 1.5, intervalMs: 0 });

    expect(resolve).toThrow(InvalidMarketDataOptionsError);
    expect(resolve).toThrow(/seed.*intervalMs.*ZZZZ/);
  });

  it('refuses an empty list of symbols', () => {
    expect(() => resolveMarketDataOptions({ symbols: [] })).toThrow(/at least one symbol/);
  });
});
