import { AccountBookEvent, OrderSpec } from '@trading/domain';
import { decideOnOrderEvent } from './execution-journal.decider';
import { ExecutionJournalEntry } from './execution-journal.entries';
import { ExecutionJournalState, emptyExecutionJournalState, evolveExecutionJournal } from './execution-journal.state';

const AT = '2026-11-22T15:00:00.000Z';
const base = { accountId: 'acc-1', commandId: 'cmd', at: AT };
const spec: OrderSpec = { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '10', notional: null, limitPrice: '150.00', stopPrice: null };
const risk = {} as Extract<AccountBookEvent, { type: 'OrderPlaced' }>['risk'];
const context = { at: AT, brokerFor: (accountId: string) => (accountId === 'acc-fix' ? 'fix' : 'paper') };

const placed = (orderId: string, accountId = 'acc-1'): AccountBookEvent => ({ type: 'OrderPlaced', ...base, accountId, orderId, clientOrderId: `c-${orderId}`, order: spec, risk });

/** Given earlier order events (decided and folded), when one more arrives, then these journal entries. */
function given(events: readonly AccountBookEvent[]) {
  let state: ExecutionJournalState = emptyExecutionJournalState();
  events.forEach((event, index) => {
    state = decideOnOrderEvent({ eventId: `ev-${index}`, correlationId: 'corr', event }, state, context).reduce(evolveExecutionJournal, state);
  });
  return {
    state,
    when: (event: AccountBookEvent): ExecutionJournalEntry[] => decideOnOrderEvent({ eventId: 'ev-new', correlationId: 'corr-new', event }, state, context),
  };
}

describe('execution journal decider', () => {
  describe('an order placed', () => {
    it('is intended for the broker of its account, our order id as client order id', () => {
      expect(given([]).when(placed('o-1'))).toEqual([
        {
          type: 'BrokerSubmitIntended',
          intentId: 'ev-new',
          orderId: 'o-1',
          accountId: 'acc-1',
          broker: 'paper',
          correlationId: 'corr-new',
          at: AT,
          order: { clientOrderId: 'o-1', accountId: 'acc-1', ...spec },
        },
      ]);
    });

    it('goes to the broker its account is routed to', () => {
      expect(given([]).when(placed('o-1', 'acc-fix'))[0]).toMatchObject({ broker: 'fix' });
    });

    it('already intended is not intended again', () => {
      expect(given([placed('o-1')]).when(placed('o-1'))).toEqual([]);
    });

    it('stays in flight until an outcome is recorded', () => {
      const { state } = given([placed('o-1')]);
      expect([...state.inFlight.values()].map((f) => [f.intent.orderId, f.outcome])).toEqual([['o-1', 'pending']]);
    });
  });

  describe('a cancel requested', () => {
    it('of a routed order goes to the broker that has it', () => {
      const [intent] = given([placed('o-1', 'acc-fix')]).when({ type: 'OrderCancelRequested', ...base, accountId: 'acc-fix', orderId: 'o-1', previousStatus: 'new' });
      expect(intent).toMatchObject({ type: 'BrokerCancelIntended', broker: 'fix', request: { clientOrderId: 'o-1', symbol: 'AAPL', side: 'buy' } });
    });

    it('of an order never routed asks nothing', () => {
      expect(given([]).when({ type: 'OrderCancelRequested', ...base, orderId: 'o-9', previousStatus: 'new' })).toEqual([]);
    });
  });

  it('a replace requested asks the same broker to replace the order by the new one', () => {
    const [intent] = given([placed('o-1')]).when({
      type: 'OrderReplaceRequested', ...base, orderId: 'o-1', replacementOrderId: 'o-2', clientOrderId: 'c-2', order: { ...spec, qty: '5' }, risk,
    });
    expect(intent).toMatchObject({
      type: 'BrokerReplaceIntended',
      orderId: 'o-1',
      broker: 'paper',
      request: { clientOrderId: 'o-1', replacement: { clientOrderId: 'o-2', qty: '5' } },
    });
  });

  describe('what the OMS made of the reports', () => {
    const acked: AccountBookEvent = { type: 'OrderAcknowledged', ...base, orderId: 'o-1', venueStatus: 'new', status: 'new' };

    it('is noted, and an acknowledgement settles a submit of unknown outcome', () => {
      const { state, when } = given([placed('o-1')]);
      const entries = when(acked);
      const after = entries.reduce(evolveExecutionJournal, state);

      expect(entries).toEqual([{ type: 'OmsOrderStatusObserved', orderId: 'o-1', accountId: 'acc-1', status: 'new', filledQty: null, at: AT }]);
      expect(after.inFlight.size).toBe(0);
      expect(after.orders.get('o-1')?.status).toBe('new');
    });

    it('a fill records the filled quantity; the end of the order ends its tracking', () => {
      const filled: AccountBookEvent = {
        type: 'OrderFilled', ...base, orderId: 'o-1', symbol: 'AAPL', side: 'buy', executionId: 'x1', qty: '10', price: '150.00',
        venue: 'XSTB', executedAt: AT, filledQty: '10', filledAvgPrice: '150.00', status: 'filled', cash: '0.00', positionQty: '10',
      };
      const { state, when } = given([placed('o-1'), acked]);
      const after = when(filled).reduce(evolveExecutionJournal, state);

      expect(after.orders.has('o-1')).toBe(false);
    });

    it('about an order never routed is not noted', () => {
      expect(given([]).when(acked)).toEqual([]);
    });
  });

  describe('outcomes recorded after the fact', () => {
    const intentId = 'ev-0';
    const outcome = { intentId, orderId: 'o-1', accountId: 'acc-1', action: 'submit' as const, at: AT };

    it('sent or refused settle the intent', () => {
      const { state } = given([placed('o-1')]);
      expect(evolveExecutionJournal(state, { type: 'BrokerRequestSent', ...outcome }).inFlight.size).toBe(0);
      expect(evolveExecutionJournal(state, { type: 'BrokerRequestRefused', ...outcome, code: 'BROKER.UNAVAILABLE', reason: 'open' }).inFlight.size).toBe(0);
    });

    it('unknown keeps it in flight, marked unknown', () => {
      const { state } = given([placed('o-1')]);
      const after = evolveExecutionJournal(state, { type: 'BrokerRequestUnknown', ...outcome, code: 'BROKER.TIMEOUT', reason: 'slow' });
      expect(after.inFlight.get(intentId)?.outcome).toBe('unknown');
    });
  });
});
