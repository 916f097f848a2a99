import { DeciderSpecification } from '../../testing/decider-specification';
import {
  ACCOUNT_ID,
  T0,
  accountOpened,
  cancelOrder,
  heldPosition,
  openAccount,
  orderPlaced,
  placeOrder,
  setRiskLimits,
  setTradingState,
} from '../../testing/account-book.fixtures';
import { DEFAULT_RISK_LIMITS } from '../../risk/risk-limits';
import { accountBookDecider } from '../account-book.decider';
import { TradingState } from '../../risk/trading-state';

const expectBook = DeciderSpecification.for(accountBookDecider);

describe('OpenAccount', () => {
  describe('on an account not yet open', () => {
    it('opens it with its starting cash, the default limits as version 1, and ACTIVE trading', () => {
      expectBook
        .given([])
        .when(openAccount({ cash: '100000' }))
        .then([
          {
            type: 'AccountOpened',
            accountId: ACCOUNT_ID,
            commandId: 'open',
            at: T0,
            cash: '100000.00',
            limits: DEFAULT_RISK_LIMITS,
            limitSetVersion: 1,
            tradingState: 'ACTIVE',
          },
        ]);
    });

    it('opens it with the limits given, the rest defaulted', () => {
      const [event] = expectBook.given([]).when(openAccount({ limits: { maxOpenOrders: 7 } })).decision();
      expect(event).toMatchObject({ limits: { ...DEFAULT_RISK_LIMITS, maxOpenOrders: 7 }, limitSetVersion: 1 });
    });

    it.each(['-1', '1.001', 'lots', ''])('refuses a starting cash of %j', (cash) => {
      expectBook.given([]).when(openAccount({ cash })).thenRejects('ACCOUNT.INVALID_CASH');
    });

    it('refuses invalid limits', () => {
      expectBook.given([]).when(openAccount({ limits: { maxOpenOrders: -1 } })).thenRejects('LIMITS.INVALID');
    });
  });

  describe('on an open account', () => {
    it('is refused with ACCOUNT.ALREADY_OPEN', () => {
      expectBook.given([accountOpened()]).when(openAccount({ commandId: 'open-again' })).thenRejects('ACCOUNT.ALREADY_OPEN');
    });
  });
});

describe('SetRiskLimits', () => {
  it('records the whole new set, the changes, and the next version', () => {
    expectBook
      .given([accountOpened()])
      .when(setRiskLimits({ maxOrderNotional: '50000', priceCollarPct: '5.0' }))
      .then([
        {
          type: 'RiskLimitsSet',
          accountId: ACCOUNT_ID,
          commandId: 'limits',
          at: T0,
          limits: { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '50000', priceCollarPct: '5' },
          changes: { maxOrderNotional: '50000', priceCollarPct: '5' },
          limitSetVersion: 2,
        },
      ]);
  });

  it('counts versions up with every change', () => {
    const given = [accountOpened(), ...expectBook.given([accountOpened()]).when(setRiskLimits({ maxOpenOrders: 3 })).decision()];
    const [event] = expectBook.given(given).when(setRiskLimits({ maxOpenOrders: 4 }, { commandId: 'limits-2' })).decision();
    expect(event).toMatchObject({ limitSetVersion: 3 });
  });

  it('refuses an empty or invalid update, changing nothing', () => {
    expectBook.given([accountOpened()]).when(setRiskLimits({})).thenRejects('LIMITS.EMPTY_UPDATE');
    expectBook.given([accountOpened()]).when(setRiskLimits({ maxOrderQty: 'ten' })).thenRejects('LIMITS.INVALID');
  });

  it('is refused on an account that is not open', () => {
    expectBook.given([]).when(setRiskLimits({ maxOpenOrders: 1 })).thenRejects('ACCOUNT.NOT_FOUND');
  });
});

describe('SetTradingState', () => {
  it.each<TradingState>(['REDUCING', 'HALTED', 'ACTIVE'])('sets %s, recording the previous state', (tradingState) => {
    expectBook
      .given([accountOpened()])
      .when(setTradingState(tradingState))
      .then([
        { type: 'TradingStateSet', accountId: ACCOUNT_ID, commandId: `state-${tradingState}`, at: T0, tradingState, previousTradingState: 'ACTIVE', reason: 'test' },
      ]);
  });

  it('refuses a state that does not exist', () => {
    expectBook.given([accountOpened()]).when(setTradingState('PAUSED' as TradingState)).thenRejects('ACCOUNT.INVALID_TRADING_STATE');
  });

  it('is refused on an account that is not open', () => {
    expectBook.given([]).when(setTradingState('HALTED')).thenRejects('ACCOUNT.NOT_FOUND');
  });

  describe('on a HALTED account', () => {
    const halted = [accountOpened(), ...heldPosition('AAPL', '10'), orderPlaced('o-1', { symbol: 'MSFT' }), ...expectBook.given([accountOpened()]).when(setTradingState('HALTED')).decision()];

    it('refuses new orders, even a sell that reduces a position', () => {
      expectBook.given(halted).when(placeOrder('o-2', { side: 'sell', qty: '5' })).thenRejects('RISK.TRADING_HALTED');
    });

    it('still lets cancels through', () => {
      const [event] = expectBook.given(halted).when(cancelOrder('o-1')).decision();
      expect(event).toMatchObject({ type: 'OrderCancelRequested', orderId: 'o-1' });
    });
  });
});
