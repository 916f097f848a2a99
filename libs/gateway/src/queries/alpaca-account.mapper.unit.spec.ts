import { accountNumberOf, createdAtOf, toAlpacaAccount } from './alpaca-account.mapper';

const ACCOUNT_ID = '019a2b3c-4d5e-7f01-8a2b-3c4d5e6f7081';

describe('an Alpaca account from the read models', () => {
  it('given cash, reservations and positions, then buying power, equity and market values are exact', () => {
    const account = toAlpacaAccount({
      accountId: ACCOUNT_ID,
      cash: '98466.505',
      reservedCash: '150.10',
      positions: [
        { side: 'long', market_value: '1396.125' },
        { side: 'long', market_value: '200.00' },
        { side: 'short', market_value: '-205.00' },
      ],
      asOf: new Date('2026-03-02T16:00:00.000Z'),
    });

    expect(account).toMatchObject({
      id: ACCOUNT_ID,
      status: 'ACTIVE',
      currency: 'USD',
      cash: '98466.505',
      buying_power: '98316.405',
      regt_buying_power: '98316.405',
      non_marginable_buying_power: '98316.405',
      long_market_value: '1596.125',
      short_market_value: '-205.00',
      position_market_value: '1391.125',
      equity: '99857.63',
      portfolio_value: '99857.63',
      last_equity: '99857.63',
      initial_margin: '0',
      maintenance_margin: '0',
      multiplier: '1',
      daytrade_count: 0,
      pattern_day_trader: false,
      trading_blocked: false,
      transfers_blocked: false,
      account_blocked: false,
      shorting_enabled: false,
      balance_asof: '2026-03-02',
    });
  });

  it('given no positions and no open orders, then buying power and equity are the cash, to the cent', () => {
    expect(toAlpacaAccount({ accountId: ACCOUNT_ID, cash: '1000', reservedCash: '0.00', positions: [], asOf: new Date() })).toMatchObject({
      cash: '1000.00',
      buying_power: '1000.00',
      equity: '1000.00',
      long_market_value: '0.00',
      short_market_value: '0.00',
    });
  });

  it('given a UUIDv7 account id, then created_at is the instant it was minted and the number is stable', () => {
    expect(createdAtOf('019a2b3c-4d5e-7f01-8a2b-3c4d5e6f7081')).toBe(new Date(0x019a2b3c4d5e).toISOString());
    expect(createdAtOf('acc-1')).toBeNull();
    expect(accountNumberOf(ACCOUNT_ID)).toBe('PA4D5E6F7081');
  });
});
