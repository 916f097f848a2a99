import { ClientRequest, IncomingMessage, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { BenchAccount } from '../accounts/bench-account';

/** One server-sent event as it arrived, with the bench clocks at the moment its frame was complete. */
export interface SseEvent {
  readonly event: string;
  /** `id:` of the frame: the account stream seq (`<seq>-<n>` for the second update of one event). */
  readonly id: string | null;
  readonly data: string;
  /** `performance.now()` on arrival. */
  readonly at: number;
  /** Wall clock on arrival, ms since the epoch with sub-millisecond precision. */
  readonly wallMs: number;
}

/**
 * A client of `GET /v2/events/trades` over its own socket (no Agent pooling), parsing frames as
 * they arrive. `opened` resolves on the 200 response, rejects on any other status or error.
 */
export class SseConnection {
  private buffer = '';
  private response: IncomingMessage | null = null;
  private closedByUs = false;
  private ended = false;
  readonly opened: Promise<void>;

  private constructor(
    private readonly req: ClientRequest,
    onEvent: (event: SseEvent) => void,
    onEnd: () => void,
  ) {
    this.opened = new Promise((resolve, reject) => {
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => reject(new Error(`GET /v2/events/trades answered ${res.statusCode ?? 0}: ${Buffer.concat(chunks).toString().slice(0, 200)}`)));
          return;
        }
        this.response = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk, onEvent));
        res.on('close', () => {
          this.ended = true;
          if (!this.closedByUs) onEnd();
        });
        resolve();
      });
      req.on('error', (error) => {
        this.ended = true;
        reject(error);
      });
    });
  }

  static open(baseUrl: string, account: BenchAccount, onEvent: (event: SseEvent) => void, onEnd: () => void = () => undefined): SseConnection {
    const url = new URL('/v2/events/trades', baseUrl);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'GET',
      agent: false,
      headers: { 'APCA-API-KEY-ID': account.keyId, 'APCA-API-SECRET-KEY': account.secretKey, accept: 'text/event-stream' },
    });
    const connection = new SseConnection(req, onEvent, onEnd);
    req.end();
    return connection;
  }

  /** Still connected (not ended by the server or by an error). */
  get live(): boolean {
    return this.response !== null && !this.ended;
  }

  close(): void {
    this.closedByUs = true;
    this.req.destroy();
  }

  private feed(chunk: string, onEvent: (event: SseEvent) => void): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    if (end < 0) return;
    const at = performance.now();
    const wallMs = performance.timeOrigin + at;
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) continue; // comment: connected, heartbeat
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) onEvent({ event, id, data: data.join('\n'), at, wallMs });
      end = this.buffer.indexOf('\n\n');
    }
  }
}
