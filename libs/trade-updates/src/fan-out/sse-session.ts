import { StreamEntry } from '../stream/stream-entry';
import { StreamPosition } from '../stream/stream-position';
import { ResumeMerge } from './resume-merge';
import { sseEventFrame } from './sse-frame';
import { SseSink } from './sse-sink';

/**
 * One trade-updates connection: writes what its resume merge releases and closes itself when the
 * client stops reading (more than `maxBufferedBytes` queued) instead of buffering without bound.
 */
export class SseSession {
  private readonly merge: ResumeMerge;
  private closed = false;

  constructor(
    readonly accountId: string,
    private readonly sink: SseSink,
    after: StreamPosition | null,
    private readonly maxBufferedBytes: number,
    private readonly onEnd: (session: SseSession, reason: 'client' | 'slow' | 'server') => void,
    /** Which tick of the hub's shared heartbeat timer beats this connection. */
    readonly heartbeatSlot = 0,
  ) {
    this.merge = new ResumeMerge(after);
    sink.onClose(() => this.end('client'));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  live(entry: StreamEntry): void {
    this.send(this.merge.live(entry));
  }

  backlog(entries: readonly StreamEntry[]): void {
    this.send(this.merge.backlog(entries));
  }

  endBacklog(): void {
    this.send(this.merge.endBacklog());
  }

  /** Text outside the stream: comments, heartbeats, notices. */
  raw(text: string): void {
    if (this.closed) return;
    this.sink.write(text);
    this.checkBuffer();
  }

  close(reason: 'slow' | 'server'): void {
    if (this.closed) return;
    this.end(reason);
    this.sink.close();
  }

  private send(entries: readonly StreamEntry[]): void {
    if (this.closed || entries.length === 0) return;
    this.sink.write(entries.length === 1 ? sseEventFrame(entries[0] as StreamEntry) : entries.map(sseEventFrame).join(''));
    this.checkBuffer();
  }

  private checkBuffer(): void {
    if (this.sink.bufferedBytes > this.maxBufferedBytes) this.close('slow');
  }

  private end(reason: 'client' | 'slow' | 'server'): void {
    if (this.closed) return;
    this.closed = true;
    this.onEnd(this, reason);
  }
}
