import { EventEnvelope } from '../envelope/event-envelope';
import { CommittedOutputsFeed } from './committed-outputs.feed';

const event = (eventId: string): EventEnvelope => ({ eventId, type: 'OrderPlaced' }) as unknown as EventEnvelope;

describe('CommittedOutputsFeed', () => {
  it('tells the listeners of a topic each committed batch, in order, and only that topic', () => {
    const feed = new CommittedOutputsFeed();
    const heard: string[][] = [];
    feed.subscribe('order-events', (outputs) => heard.push(outputs.map((o) => o.eventId)));

    feed.publish('order-events', [event('e1'), event('e2')]);
    feed.publish('journal', [event('j1')]);
    feed.publish('order-events', []);
    feed.publish('order-events', [event('e3')]);

    expect(heard).toEqual([['e1', 'e2'], ['e3']]);
  });

  it('stops telling a listener once it unsubscribed', () => {
    const feed = new CommittedOutputsFeed();
    const heard: string[] = [];
    const unsubscribe = feed.subscribe('order-events', (outputs) => heard.push(...outputs.map((o) => o.eventId)));

    feed.publish('order-events', [event('e1')]);
    unsubscribe();
    feed.publish('order-events', [event('e2')]);

    expect(heard).toEqual(['e1']);
  });

  it('keeps telling the other listeners when one throws, and never throws to the committer', () => {
    const feed = new CommittedOutputsFeed();
    const heard: string[] = [];
    feed.subscribe('order-events', () => {
      throw new Error('listener bug');
    });
    feed.subscribe('order-events', (outputs) => heard.push(...outputs.map((o) => o.eventId)));

    expect(() => feed.publish('order-events', [event('e1')])).not.toThrow();
    expect(heard).toEqual(['e1']);
  });
});
