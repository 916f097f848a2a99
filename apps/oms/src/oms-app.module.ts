import { Module } from '@nestjs/common';
import { AppConfigModule } from '@trading/config';
import { MarketDataModule } from '@trading/market-data';
import { MessagingModule } from '@trading/messaging';
import { OmsModule } from '@trading/oms';

// the OMS reads reference prices; publishing them is the market-data service's job
const marketData = MarketDataModule.forRoot({ publish: false });

@Module({ imports: [AppConfigModule.forRoot(), MessagingModule, marketData, OmsModule.forRoot({ marketData })] })
export class OmsAppModule {}
