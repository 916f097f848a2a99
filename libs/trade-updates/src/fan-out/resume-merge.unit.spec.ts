import fc from 'fast-check';
import { StreamEntry } from '../stream/stream-entry';
import { StreamPosition } from '../stream/stream-position';
import { ResumeMerge } from './resume-merge';

const entry = (seq: number, index = 0): StreamEntry => ({ position: { seq, index }, event: 'new', data: `{"seq":${seq}}` });
const ids = (entries: readonly StreamEntry[]) => entries.map((e) => `${e.position.seq}-${e.position.index}`);

describe('resuming a stream: backlog then live, without gaps or repeats', () => {
  it('given no Last-Event-ID, live updates pass straight through, each once', () => {
    const merge = new ResumeMerge(null);

    const sent = [...merge.live(entry(1)), ...merge.live(entry(2)), ...merge.live(entry(2)), ...merge.endBacklog()];

    expect(ids(sent)).toEqual(['1-0', '2-0']);
  });

  it('given Last-Event-ID 3, live updates during the backlog read are held and released after it, past the last sent', () => {
    const merge = new ResumeMerge({ seq: 3, index: 0 });

    const duringBacklog = [...merge.live(entry(6)), ...merge.live(entry(7))];
    const backlog = merge.backlog([entry(4), entry(5), entry(6)]);
    const released = merge.endBacklog();
    const later = merge.live(entry(8));

    expect(duringBacklog).toEqual([]);
    expect(ids([...backlog, ...released, ...later])).toEqual(['4-0', '5-0', '6-0', '7-0', '8-0']);
  });

  it('the second update of one event (a replace) is told apart from the first', () => {
    const merge = new ResumeMerge({ seq: 9, index: 0 });

    const sent = [...merge.backlog([entry(9, 1), entry(10)]), ...merge.endBacklog()];

    expect(ids(sent)).toEqual(['9-1', '10-0']);
  });

  it('whatever the interleaving of backlog pages and live deliveries, the client gets exactly the updates after its id, in order', () => {
    // the truth: updates at increasing positions; the reader resumes after one of them
    const scenario = fc
      .record({
        count: fc.integer({ min: 0, max: 40 }),
        resumeAt: fc.integer({ min: 0, max: 40 }),
        // when the subscription took effect: updates from here on are delivered live
        subscribedAt: fc.integer({ min: 0, max: 40 }),
        // how far the stream had grown when it was read: at least to where the subscription began
        readUpTo: fc.integer({ min: 0, max: 40 }),
        pageSize: fc.integer({ min: 1, max: 7 }),
        seed: fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
      })
      .map((s) => {
        const subscribedAt = Math.min(s.subscribedAt, s.count);
        return { ...s, resumeAt: Math.min(s.resumeAt, s.count), subscribedAt, readUpTo: Math.max(subscribedAt, Math.min(s.readUpTo, s.count)) };
      });

    fc.assert(
      fc.property(scenario, ({ count, resumeAt, subscribedAt, readUpTo, pageSize, seed }) => {
        const all = Array.from({ length: count }, (_, i) => entry(i + 1, 0));
        const after: StreamPosition | null = resumeAt === 0 ? { seq: 0, index: 0 } : { seq: resumeAt, index: 0 };
        const merge = new ResumeMerge(after);
        // the stream is read after subscribing, so it may already hold some of the live ones
        const live = all.slice(subscribedAt);
        const readable = all.slice(resumeAt, Math.max(resumeAt, readUpTo));
        const sent: StreamEntry[] = [];
        let l = 0;
        let b = 0;
        let coin = 0;
        while (b < readable.length || l < live.length) {
          const takeLive = l < live.length && (b >= readable.length || seed[coin++ % seed.length]);
          if (takeLive) sent.push(...merge.live(live[l++] as StreamEntry));
          else {
            sent.push(...merge.backlog(readable.slice(b, b + pageSize)));
            b += pageSize;
            if (b >= readable.length) sent.push(...merge.endBacklog());
          }
        }
        sent.push(...merge.endBacklog());
        expect(ids(sent)).toEqual(ids(all.slice(resumeAt)));
      }),
    );
  });
});
