import { Controller, Get, HttpException, HttpStatus, Inject, Param } from '@nestjs/common';
import { LATEST_QUOTES, LatestQuotes } from '../quotes/latest-quotes.port';
import { normaliseSymbol } from '../quotes/symbol';
import { AlpacaLatestQuoteResponse, toAlpacaLatestQuote } from './alpaca-latest-quote.response';

/** Alpaca's market-data error codes: the HTTP status followed by a reason number. */
export const ALPACA_INVALID_SYMBOL = 42210000;
export const ALPACA_NOT_FOUND = 40410000;

/**
 * The latest quote of a symbol in the Alpaca market-data dialect. Holds no authentication of its
 * own: a guard applies as to any Nest controller (`@UseGuards` on this class, or an `APP_GUARD`);
 * the handler answers only through return values and exceptions, never the raw response, so
 * guards, interceptors and exception filters all see it.
 */
@Controller('v2/stocks')
export class LatestQuoteController {
  constructor(@Inject(LATEST_QUOTES) private readonly quotes: LatestQuotes) {}

  @Get(':symbol/quotes/latest')
  latestQuote(@Param('symbol') text: string): AlpacaLatestQuoteResponse {
    const symbol = normaliseSymbol(text);
    if (symbol === undefined) {
      throw new HttpException(
        { code: ALPACA_INVALID_SYMBOL, message: `invalid symbol: ${text.slice(0, 32)}` },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const quote = this.quotes.latest(symbol);
    if (quote === undefined) {
      throw new HttpException({ code: ALPACA_NOT_FOUND, message: `no quote for ${symbol}` }, HttpStatus.NOT_FOUND);
    }
    return toAlpacaLatestQuote(quote);
  }
}
