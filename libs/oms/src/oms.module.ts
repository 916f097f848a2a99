import { DynamicModule, Module } from '@nestjs/common';
import { LATEST_QUOTES, LatestQuotes } from '@trading/market-data';
import { OmsService } from './oms.service';
import { QuoteReferencePrices } from './quote-reference-prices';
import { REFERENCE_PRICES } from './reference-price.port';

/**
 * The OMS. Reference prices come from the market-data module the host passes in (the same
 * instance the quotes endpoint uses), alongside the global MessagingModule.
 */
@Module({})
export class OmsModule {
  static forRoot(options: { marketData: DynamicModule }): DynamicModule {
    return {
      module: OmsModule,
      imports: [options.marketData],
      providers: [
        OmsService,
        { provide: REFERENCE_PRICES, inject: [LATEST_QUOTES], useFactory: (quotes: LatestQuotes) => new QuoteReferencePrices(quotes) },
      ],
      exports: [OmsService],
    };
  }
}
