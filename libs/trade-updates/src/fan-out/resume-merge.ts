import { StreamEntry } from '../stream/stream-entry';
import { comparePositions, StreamPosition } from '../stream/stream-position';

/**
 * The order of one connection's updates when it resumes: it subscribes to live updates first,
 * then reads the backlog after `Last-Event-ID`; live updates that arrive meanwhile are held, and
 * once the backlog is done only those past the last one sent are released. Every method returns
 * what to send now, in order; nothing is sent twice and nothing after the resume point is skipped.
 */
export class ResumeMerge {
  private replaying: boolean;
  private held: StreamEntry[] = [];

  constructor(private last: StreamPosition | null) {
    this.replaying = last !== null;
  }

  get lastSent(): StreamPosition | null {
    return this.last;
  }

  live(entry: StreamEntry): StreamEntry[] {
    if (this.replaying) {
      this.held.push(entry);
      return [];
    }
    return this.release([entry]);
  }

  /** One page of the backlog, in stream order. */
  backlog(entries: readonly StreamEntry[]): StreamEntry[] {
    return this.release(entries);
  }

  endBacklog(): StreamEntry[] {
    this.replaying = false;
    const held = this.held.sort((a, b) => comparePositions(a.position, b.position));
    this.held = [];
    return this.release(held);
  }

  private release(entries: readonly StreamEntry[]): StreamEntry[] {
    const out: StreamEntry[] = [];
    for (const entry of entries) {
      if (this.last !== null && comparePositions(entry.position, this.last) <= 0) continue;
      out.push(entry);
      this.last = entry.position;
    }
    return out;
  }
}
