import { Message, Producer, ProducerRecord } from 'kafkajs';
import { CoalescingSender } from './coalescing.sender';

/** A producer whose sends stay open until the test settles them. */
class HeldProducer {
  readonly requests: { record: ProducerRecord; settle: (error?: Error) => void }[] = [];

  send(record: ProducerRecord): Promise<[]> {
    return new Promise((resolve, reject) => {
      this.requests.push({ record, settle: (error) => (error ? reject(error) : resolve([])) });
    });
  }

  values(index: number): string[] {
    return (this.requests[index]?.record.messages ?? []).map((m: Message) => String(m.value));
  }
}

const message = (value: string): Message => ({ key: 'account', value });
const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingSender', () => {
  let producer: HeldProducer;
  let sender: CoalescingSender;

  beforeEach(() => {
    producer = new HeldProducer();
    sender = new CoalescingSender(producer as unknown as Producer, 'commands');
  });

  it('given nothing in flight, when one message arrives, then it leaves at once on the topic with acks=all', () => {
    void sender.send(message('a'));

    expect(producer.requests).toHaveLength(1);
    expect(producer.requests[0]?.record).toMatchObject({ topic: 'commands', acks: -1 });
    expect(producer.values(0)).toEqual(['a']);
  });

  it('given a send in flight, when more arrive, then they leave together once it completes, in arrival order', async () => {
    const first = sender.send(message('a'));
    const rest = [sender.send(message('b')), sender.send(message('c')), sender.send(message('d'))];
    expect(producer.requests).toHaveLength(1);

    producer.requests[0]?.settle();
    await first;
    await flushMicrotasks();

    expect(producer.requests).toHaveLength(2);
    expect(producer.values(1)).toEqual(['b', 'c', 'd']);
    producer.requests[1]?.settle();
    await expect(Promise.all(rest)).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('given a request fails, then exactly its callers are rejected and later messages still go', async () => {
    const first = sender.send(message('a'));
    const second = sender.send(message('b'));

    producer.requests[0]?.settle(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    await flushMicrotasks();
    producer.requests[1]?.settle();

    await expect(second).resolves.toBeUndefined();
    expect(producer.values(1)).toEqual(['b']);
  });
});
