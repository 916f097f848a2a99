import { HttpException } from '@nestjs/common';
import { LatestQuotes } from '../quotes/latest-quotes.port';
import { Quote } from '../quotes/quote';
import { LatestQuoteController } from './latest-quote.controller';

/** The read side as the controller sees it: a fixed set of quotes. */
function givenQuotes(...quotes: Quote[]): LatestQuoteController {
  const bySymbol = new Map(quotes.map((q) => [q.symbol, q]));
  const view: LatestQuotes = {
    latest: (symbol) => bySymbol.get(symbol),
    isFresh: () => true,
  };
  return new LatestQuoteController(view);
}

function refusal(run: () => unknown): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

const AAPL: Quote = {
  symbol: 'AAPL',
  bidPrice: '189.98',
  bidSize: 3,
  askPrice: '190.02',
  askSize: 5,
  source: 'simulated',
  quotedAt: '2026-11-22T14:30:00.250Z',
};

describe('GET /v2/stocks/:symbol/quotes/latest', () => {
  describe('given a quote for AAPL', () => {
    const controller = givenQuotes(AAPL, { ...AAPL, symbol: 'BRK.B', bidPrice: '0.0001', askPrice: '0.0003' });

    it('when asked for AAPL, then answers in the Alpaca dialect with prices as numbers', () => {
      expect(controller.latestQuote('AAPL')).toEqual({
        symbol: 'AAPL',
        quote: { t: '2026-11-22T14:30:00.250Z', bp: 189.98, bs: 3, ap: 190.02, as: 5, bx: '', ax: '', c: [], z: '' },
      });
    });

    it('when asked in lower case, then answers for the upper-case symbol', () => {
      expect(controller.latestQuote('aapl').symbol).toBe('AAPL');
    });

    it('when asked for a symbol with a dot, then answers with sub-penny prices intact', () => {
      expect(controller.latestQuote('brk.b').quote).toMatchObject({ bp: 0.0001, ap: 0.0003 });
    });

    it('when asked for a valid symbol without a quote, then 404 with Alpaca’s not-found code', () => {
      expect(refusal(() => controller.latestQuote('xyz'))).toEqual({
        status: 404,
        body: { code: 40410000, message: 'no quote for XYZ' },
      });
    });

    it.each(['AAPL$', 'BTC/USD', 'ABCDEFGHIJKLM', ''])('when asked for %p, then 422 with Alpaca’s invalid-symbol code', (text) => {
      expect(refusal(() => controller.latestQuote(text))).toEqual({
        status: 422,
        body: { code: 42210000, message: `invalid symbol: ${text}` },
      });
    });
  });
});
