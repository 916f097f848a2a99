import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { LATEST_QUOTES } from '@trading/market-data';
import { CLOCK } from '@trading/messaging';
import { PaperExchangeAdapter } from './adapter/paper-exchange.adapter';
import { PAPER_EXCHANGE_CONFIG, PaperExchangeModule } from './paper-exchange.module';

@Module({ providers: [{ provide: LATEST_QUOTES, useValue: { latest: () => undefined, isFresh: () => false } }], exports: [LATEST_QUOTES] })
class StubMarketDataModule {}

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: { now: () => new Date('2024-05-01T14:00:00.000Z') } }], exports: [CLOCK] })
class StubClockModule {}

describe('paper exchange module', () => {
  it('provides a not yet connected paper adapter with the resolved configuration', async () => {
    const app = await Test.createTestingModule({
      imports: [StubClockModule, PaperExchangeModule.forRoot({ marketData: { module: StubMarketDataModule }, config: { venue: 'SIM' } })],
    }).compile();

    const adapter = app.get(PaperExchangeAdapter);
    expect(adapter.name).toBe('paper');
    expect(adapter.isConnected()).toBe(false);
    expect(app.get(PAPER_EXCHANGE_CONFIG)).toMatchObject({ venue: 'SIM' });
    await app.close();
  });

  it('refuses an invalid configuration before anything starts', () => {
    expect(() => PaperExchangeModule.forRoot({ marketData: { module: StubMarketDataModule }, config: { rejectRate: 2 } })).toThrow(
      /rejectRate/,
    );
  });
});
