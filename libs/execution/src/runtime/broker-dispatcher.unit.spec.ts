import { BrokerOrder } from '@trading/broker-sdk';
import { Clock } from '@trading/domain';
import { BrokerOutcome, BrokerSubmitIntended } from '../journal/execution-journal.entries';
import { ResilientBroker } from '../resilience/resilient-broker';
import { StubBrokerAdapter } from '../testing/stub-broker.adapter';
import { BrokerDispatcher } from './broker-dispatcher';
import { JournalWriter } from './journal.writer';
import { ReportPublisher } from './report.publisher';

const clock: Clock = { now: () => new Date('2024-05-01T14:00:00.000Z') };
const RESILIENCE = { timeoutMs: 1_000, breakerFailures: 5, breakerHalfOpenAfterMs: 1_000, ratePerSecond: 1_000, rateBurst: 1_000, rateMaxWaitMs: 0 };
const RESOLVE_RETRY_MS = 20;

function submitIntent(orderId: string): BrokerSubmitIntended {
  const order: BrokerOrder = {
    clientOrderId: orderId,
    accountId: 'acc-1',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: '1',
    notional: null,
    limitPrice: null,
    stopPrice: null,
  };
  return { type: 'BrokerSubmitIntended', intentId: `intent-${orderId}`, orderId, accountId: 'acc-1', broker: 'stub', correlationId: `corr-${orderId}`, at: '2024-05-01T14:00:00.000Z', order };
}

/** A journal whose appends the test settles one by one. */
class HeldJournal {
  readonly appends: { outcome: BrokerOutcome; settle: (error?: Error) => void }[] = [];

  append(_partition: number, outcome: BrokerOutcome): Promise<void> {
    return new Promise<void>((resolve, reject) => this.appends.push({ outcome, settle: (error) => (error ? reject(error) : resolve()) }));
  }
}

function dispatcherWith(journal: HeldJournal): { dispatcher: BrokerDispatcher; broker: StubBrokerAdapter } {
  const broker = new StubBrokerAdapter('stub');
  const brokers = new Map([['stub', new ResilientBroker(broker, RESILIENCE, clock)]]);
  const reports = { publish: async () => undefined } as unknown as ReportPublisher;
  const dispatcher = new BrokerDispatcher(brokers, journal as unknown as JournalWriter, reports, clock, () => true, { resolveRetryMs: RESOLVE_RETRY_MS });
  return { dispatcher, broker };
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('broker dispatcher', () => {
  it('sends the next intent while the outcome of the one before is still being journaled', async () => {
    const journal = new HeldJournal();
    const { dispatcher, broker } = dispatcherWith(journal);

    // when two intents are performed in turn and no journal append has finished
    await dispatcher.perform(0, submitIntent('o-1'));
    await dispatcher.perform(0, submitIntent('o-2'));

    // then both reached the broker, in order, and both outcomes are on their way to the journal
    expect([...broker.submits.keys()]).toEqual(['o-1', 'o-2']);
    expect(journal.appends.map(({ outcome }) => `${outcome.orderId} ${outcome.type}`)).toEqual(['o-1 BrokerRequestSent', 'o-2 BrokerRequestSent']);
    let drained = false;
    const draining = dispatcher.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(drained).toBe(false);
    journal.appends.forEach(({ settle }) => settle());
    await draining;
  });

  it('sends an intent once while its outcome is being journaled, and not again once it is', async () => {
    const journal = new HeldJournal();
    const { dispatcher, broker } = dispatcherWith(journal);

    await dispatcher.perform(0, submitIntent('o-1'));
    await dispatcher.perform(0, submitIntent('o-1'));
    journal.appends[0]?.settle();
    await dispatcher.drain();
    await dispatcher.perform(0, submitIntent('o-1'));

    expect(broker.submits.get('o-1')).toBe(1);
    expect(journal.appends).toHaveLength(1);
  });

  it('looks the order up at the broker when its outcome could not be journaled, and journals it then', async () => {
    const journal = new HeldJournal();
    const { dispatcher, broker } = dispatcherWith(journal);
    const lookup = jest.spyOn(broker, 'lookup');

    await dispatcher.perform(0, submitIntent('o-1'));
    journal.appends[0]?.settle(new Error('broker not available'));
    await dispatcher.drain();

    // then after the retry delay the broker is asked, finds the order, and the outcome is journaled without a second submit
    await until(() => journal.appends.length === 2);
    journal.appends[1]?.settle();
    expect(lookup).toHaveBeenCalledWith('o-1');
    expect(broker.submits.get('o-1')).toBe(1);
    expect(journal.appends[1]?.outcome).toMatchObject({ orderId: 'o-1', type: 'BrokerRequestSent' });
    dispatcher.stop();
  });
});
