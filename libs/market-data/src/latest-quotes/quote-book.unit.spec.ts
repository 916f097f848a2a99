import { Quote } from '../quotes/quote';
import { QuoteBook } from './quote-book';

const quote = (overrides: Partial<Quote> = {}): Quote => ({
  symbol: 'AAPL',
  bidPrice: '189.98',
  bidSize: 3,
  askPrice: '190.02',
  askSize: 5,
  source: 'simulated',
  quotedAt: '2026-11-22T14:30:00.000Z',
  ...overrides,
});

describe('QuoteBook', () => {
  describe('given no quotes', () => {
    const book = new QuoteBook();

    it('knows no quote and calls none fresh', () => {
      expect(book.latest('AAPL')).toBeUndefined();
      expect(book.isFresh('AAPL', 60_000, new Date('2026-11-22T14:30:00.000Z'))).toBe(false);
    });
  });

  describe('given two quotes of AAPL and one of MSFT', () => {
    const book = new QuoteBook();
    const newer = quote({ bidPrice: '190.10', askPrice: '190.12', quotedAt: '2026-11-22T14:30:01.000Z' });
    book.record(quote());
    book.record(quote({ symbol: 'MSFT', bidPrice: '410.00', askPrice: '410.03' }));
    book.record(newer);

    it('keeps the last one recorded per symbol', () => {
      expect(book.latest('AAPL')).toEqual(newer);
      expect(book.latest('MSFT')?.bidPrice).toBe('410.00');
    });

    it('matches symbols exactly: normalising is the caller’s job', () => {
      expect(book.latest('aapl')).toBeUndefined();
    });

    it('calls a quote fresh up to and including its maximum age', () => {
      expect(book.isFresh('AAPL', 5_000, new Date('2026-11-22T14:30:06.000Z'))).toBe(true);
      expect(book.isFresh('AAPL', 5_000, new Date('2026-11-22T14:30:06.001Z'))).toBe(false);
    });

    it('calls a quote stamped slightly ahead of now fresh', () => {
      expect(book.isFresh('AAPL', 5_000, new Date('2026-11-22T14:30:00.500Z'))).toBe(true);
    });

    it('calls a symbol without quotes stale', () => {
      expect(book.isFresh('SPY', 5_000, new Date('2026-11-22T14:30:01.000Z'))).toBe(false);
    });
  });
});
