import { BrokerOrder } from '@trading/broker-sdk';
import { StubBrokerAdapter } from '../testing/stub-broker.adapter';
import { BrokerResilienceOptions, ResilientBroker } from './resilient-broker';

const order: BrokerOrder = {
  clientOrderId: 'o-1', accountId: 'acc-1', symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: '1', notional: null, limitPrice: null, stopPrice: null,
};
const options: BrokerResilienceOptions = { timeoutMs: 50, breakerFailures: 2, breakerHalfOpenAfterMs: 60_000, ratePerSecond: 1000, rateBurst: 1000, rateMaxWaitMs: 0 };
const clock = { now: () => new Date(0) };

describe('ResilientBroker', () => {
  let stub: StubBrokerAdapter;
  beforeEach(() => {
    stub = new StubBrokerAdapter('stub');
  });

  it('passes a call through and returns its result', async () => {
    const broker = new ResilientBroker(stub, options, clock);

    expect(await broker.call((a) => a.submit(order))).toEqual({ kind: 'done', value: undefined });
    expect(stub.submits.get('o-1')).toBe(1);
  });

  it('reports an unavailable broker as refused: certainly not sent', async () => {
    stub.mode = 'unavailable';
    const broker = new ResilientBroker(stub, options, clock);

    expect(await broker.call((a) => a.submit(order))).toMatchObject({ kind: 'refused', code: 'BROKER.UNAVAILABLE' });
  });

  it('reports a call that does not answer in time as of unknown outcome', async () => {
    stub.mode = 'hang';
    const broker = new ResilientBroker(stub, options, clock);

    expect(await broker.call((a) => a.submit(order))).toMatchObject({ kind: 'unknown', code: 'BROKER.TIMEOUT' });
  });

  it('reports any other failure as of unknown outcome', async () => {
    stub.mode = 'lose-answer';
    const broker = new ResilientBroker(stub, options, clock);

    expect(await broker.call((a) => a.submit(order))).toMatchObject({ kind: 'unknown', code: 'BROKER.OUTCOME_UNKNOWN' });
  });

  it('opens after consecutive failures: later calls are refused at once and nothing is sent', async () => {
    stub.mode = 'unavailable';
    const broker = new ResilientBroker(stub, options, clock);
    await broker.call((a) => a.submit(order));
    await broker.call((a) => a.submit(order));
    stub.mode = 'accept';

    const outcome = await broker.call((a) => a.submit({ ...order, clientOrderId: 'o-2' }));

    expect(broker.isOpen()).toBe(true);
    expect(outcome).toEqual({ kind: 'refused', code: 'BROKER.UNAVAILABLE', reason: 'circuit breaker of stub is open' });
    expect(stub.submits.has('o-2')).toBe(false);
  });

  it('refuses a call past the rate limit without sending it', async () => {
    const broker = new ResilientBroker(stub, { ...options, ratePerSecond: 1, rateBurst: 1 }, clock);
    await broker.call((a) => a.submit(order));

    const outcome = await broker.call((a) => a.submit({ ...order, clientOrderId: 'o-2' }));

    expect(outcome).toMatchObject({ kind: 'refused', code: 'BROKER.RATE_LIMITED' });
    expect(stub.submits.has('o-2')).toBe(false);
  });
});
