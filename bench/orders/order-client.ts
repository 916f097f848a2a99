import { Agent, request } from 'node:http';
import { Outcome } from '../driver/open-loop-driver';
import { BenchAccount } from '../accounts/bench-account';

export interface OrderClientOptions {
  readonly baseUrl: string;
  /** The gateway's decision timeout: a `pending_new` answered no sooner means the OMS did not decide in time. */
  readonly decisionTimeoutMs: number;
  /** The client gives up after this and counts an error. */
  readonly requestTimeoutMs: number;
}

interface OrderAnswer {
  readonly status?: unknown;
  readonly reason?: unknown;
}

const MAX_CONNECTIONS = 1024;

/**
 * `POST /v2/orders` over keep-alive connections (node:http, one Agent per client). Sorts every
 * answer into accepted / refused (403, 422: a risk or validation code) / rate_limited (429) /
 * pending_new (no decision within the gateway's timeout) / error.
 */
export class OrderClient {
  private readonly agent: Agent;
  private readonly url: URL;
  /** Connections this client opened so far. */
  private opened = 0;

  constructor(private readonly options: OrderClientOptions) {
    // The server keeps idle connections 75 s (HTTP_KEEP_ALIVE_TIMEOUT_MS): close ours first so none is reused as it closes.
    this.agent = new Agent({ keepAlive: true, maxSockets: MAX_CONNECTIONS, maxFreeSockets: MAX_CONNECTIONS, timeout: 60_000, scheduling: 'lifo' });
    this.url = new URL(options.baseUrl);
  }

  place(account: BenchAccount, body: Readonly<Record<string, string>>): Promise<Outcome> {
    return this.send('POST', '/v2/orders', account, JSON.stringify(body)).then(({ status, text, elapsedMs }) => classify(status, text, elapsedMs, this.options.decisionTimeoutMs));
  }

  /**
   * As `place`, with the order id of an accepted order and its `X-Consistency-Token` (the account
   * stream seq of the OMS decision), both null otherwise.
   */
  placeForId(account: BenchAccount, body: Readonly<Record<string, string>>): Promise<{ outcome: Outcome; orderId: string | null; seq: number | null }> {
    return this.send('POST', '/v2/orders', account, JSON.stringify(body)).then(({ status, text, elapsedMs, token }) => {
      const outcome = classify(status, text, elapsedMs, this.options.decisionTimeoutMs);
      const accepted = outcome.kind === 'accepted';
      const seq = accepted && token !== undefined && /^\d+$/.test(token) ? Number(token) : null;
      return { outcome, orderId: accepted ? orderIdOf(text) : null, seq };
    });
  }

  /** An authenticated read: puts the key in the gateway's verification cache before a step. */
  async touch(account: BenchAccount): Promise<void> {
    const { status, text } = await this.send('GET', '/v2/orders?limit=1', account, undefined);
    if (status !== 200) throw new Error(`GET /v2/orders answered ${status}: ${text.slice(0, 200)}`);
  }

  /**
   * Opens `count` connections before a step, as a client that trades all day keeps its
   * connections: a step then measures orders, not connection setup into a saturated process
   * (which accepts one connection per event-loop turn). Those opened later are counted (`opened`).
   */
  async warm(account: BenchAccount, count: number): Promise<void> {
    await Promise.all(Array.from({ length: Math.min(count, MAX_CONNECTIONS) }, () => this.touch(account)));
  }

  /** Connections opened since this client was created. */
  connectionsOpened(): number {
    return this.opened;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, account: BenchAccount, body: string | undefined): Promise<{ status: number; text: string; elapsedMs: number; token: string | undefined }> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: {
            'APCA-API-KEY-ID': account.keyId,
            'APCA-API-SECRET-KEY': account.secretKey,
            ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
          timeout: this.options.requestTimeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const token = res.headers['x-consistency-token'];
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), elapsedMs: Date.now() - started, token: typeof token === 'string' ? token : undefined });
          });
          res.on('error', reject);
        },
      );
      req.once('socket', () => {
        if (!req.reusedSocket) this.opened += 1;
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.options.requestTimeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

function classify(status: number, text: string, elapsedMs: number, decisionTimeoutMs: number): Outcome {
  let answer: OrderAnswer = {};
  try {
    answer = JSON.parse(text) as OrderAnswer;
  } catch {
    // an unreadable body is an error below
  }
  if (status === 200) {
    if (answer.status === 'pending_new' && elapsedMs >= decisionTimeoutMs) return { kind: 'pending_new', answered: true, served: false };
    if (typeof answer.status === 'string') return { kind: 'accepted', answered: true, served: true };
  }
  if (status === 403 || status === 422) return { kind: 'refused', answered: true, served: true, detail: `${status} ${typeof answer.reason === 'string' ? answer.reason : 'no reason'}` };
  if (status === 429) return { kind: 'rate_limited', answered: true, served: false, detail: '429 gateway rate limit' };
  return { kind: 'error', answered: false, served: false, detail: `HTTP ${status} ${typeof answer.reason === 'string' ? answer.reason : text.slice(0, 80)}` };
}

function orderIdOf(text: string): string | null {
  try {
    const { id } = JSON.parse(text) as { id?: unknown };
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
