import { accountBookDecider, ReferencePrice } from '@trading/domain';
import { EnvelopeFactory, EventEnvelope } from '@trading/messaging';
import { AccountBookProgram } from './account-book.program';
import { OmsPartitionState } from './oms-partition.state';

const NOW = '2026-11-22T15:00:00.000Z';
const clock = { now: () => new Date(NOW) };
let nextId = 0;
const ids = { next: () => `019a9b2e-4c1d-7a3e-8f00-${String(++nextId).padStart(12, '0')}` };
const prices = new Map<string, ReferencePrice>([['AAPL', { symbol: 'AAPL', price: '190.00', at: NOW, source: 'test' }]]);
const program = new AccountBookProgram(accountBookDecider, new EnvelopeFactory(ids, clock), clock, {
  latest: (symbol) => prices.get(symbol) ?? null,
});

const command = (type: string, payload: unknown, accountId = 'acc-1'): EventEnvelope => ({
  eventId: ids.next(),
  type,
  schemaVersion: 1,
  accountId,
  streamId: 'commands',
  seq: 0,
  occurredAt: NOW,
  correlationId: `corr-${type}`,
  causationId: null,
  payload,
});

const placeAapl = (orderId: string, qty = '10') =>
  command('PlaceOrder', {
    orderId,
    request: { symbol: 'aapl', side: 'buy', type: 'limit', timeInForce: 'day', qty, notional: null, limitPrice: '189.50', stopPrice: null, clientOrderId: null },
  });

/** Runs commands through the program, as the processor does, collecting every output. */
function run(inputs: EventEnvelope[], from: OmsPartitionState = program.initialState()) {
  let state = from;
  const outputs: EventEnvelope[] = [];
  for (const input of inputs) {
    const step = program.process(state, input);
    state = step.state;
    outputs.push(...step.outputs);
  }
  return { state, outputs };
}

describe('AccountBookProgram', () => {
  describe('given an open account', () => {
    const opened = run([command('OpenAccount', { startingCash: '100000' })]);

    it('accepts an order, recording the reference price it used, in the account stream with the next seq', () => {
      const { outputs } = run([placeAapl('ord-1')], opened.state);

      expect(outputs.map((o) => [o.type, o.streamId, o.seq, o.correlationId])).toEqual([
        ['OrderPlaced', 'account-acc-1', 2, 'corr-PlaceOrder'],
      ]);
      expect(outputs[0]?.payload).toMatchObject({ orderId: 'ord-1', at: NOW, risk: { referencePrice: { price: '190.00' } } });
    });

    it('refuses an order over the max notional with the rule and the numbers, as an event', () => {
      const { outputs } = run([placeAapl('ord-2', '1000')], opened.state);

      expect(outputs).toHaveLength(1);
      expect(outputs[0]?.type).toBe('OrderRejected');
      expect(outputs[0]?.payload).toMatchObject({ reason: { code: 'RISK.MAX_NOTIONAL' } });
    });

    it('refuses every new order once the global kill switch is HALTED', () => {
      const halted = run([command('SetGlobalTradingState', { tradingState: 'HALTED', reason: 'drill' }, 'system')], opened.state);
      const { outputs } = run([placeAapl('ord-3')], halted.state);

      expect(halted.outputs.map((o) => [o.type, o.accountId])).toEqual([['GlobalTradingStateSet', 'system']]);
      expect(outputs[0]?.payload).toMatchObject({ reason: { code: 'RISK.TRADING_HALTED' } });
    });
  });

  it('rebuilds from its own outputs exactly the state it decided', () => {
    const decided = run([
      command('OpenAccount', { startingCash: '50000' }),
      placeAapl('ord-1'),
      command('SetGlobalTradingState', { tradingState: 'REDUCING', reason: 'drill' }, 'system'),
      placeAapl('ord-2'),
      command('CancelOrder', { orderId: 'ord-1' }),
    ]);

    const replayed = decided.outputs.reduce((state, event) => program.replay(state, event), program.initialState());

    expect(replayed).toEqual(decided.state);
  });

  it('refuses a message type it does not decide, so the processor parks it', () => {
    expect(() => run([command('OrderPlaced', {})])).toThrow(/not a command the OMS decides/);
  });
});
