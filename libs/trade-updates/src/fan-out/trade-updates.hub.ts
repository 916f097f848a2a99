import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { decodeLiveMessage } from '../stream/stream-entry';
import { comparePositions, sseId, StreamPosition } from '../stream/stream-position';
import { TradeUpdatesStore } from '../stream/trade-updates.store';
import { HEARTBEAT_FRAME, sseCommentFrame, sseNoticeFrame } from './sse-frame';
import { SseSession } from './sse-session';
import { SseSink } from './sse-sink';

export interface TradeUpdatesHubOptions {
  readonly heartbeatMs: number;
  /** Bytes a client may leave unread before it is disconnected. */
  readonly maxBufferedBytes: number;
  /** Stream entries read per backlog request. */
  readonly backlogPageSize: number;
}

/** The heartbeat timer ticks this many times per interval and beats one slice of the clients per tick. */
const HEARTBEAT_SLICES = 10;

interface AccountClients {
  readonly sessions: Set<SseSession>;
  /** Resolves once Redis confirmed the subscription to the account's channel. */
  readonly subscribed: Promise<unknown>;
}

/**
 * The fan-out of one gateway process: one Redis subscriber connection, subscribed to the channel
 * of each account that has clients here (subscribed with the first, unsubscribed after the last),
 * the account's sessions in memory, and one heartbeat timer for all of them (beating a tenth of
 * them per tenth of the interval: one write burst to 10,000 sockets stalls delivery for a second).
 */
export class TradeUpdatesHub {
  private readonly logger = new Logger(TradeUpdatesHub.name);
  private readonly accounts = new Map<string, AccountClients>();
  private heartbeat: NodeJS.Timeout | undefined;
  private tick = 0;
  private attached = 0;
  private stopped = false;

  constructor(
    private readonly subscriber: Redis,
    private readonly store: TradeUpdatesStore,
    private readonly options: TradeUpdatesHubOptions,
  ) {}

  get connections(): number {
    let count = 0;
    for (const clients of this.accounts.values()) count += clients.sessions.size;
    return count;
  }

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // live updates published while the connection was down are lost to it: make every client resume
    this.subscriber.on('close', () => this.closeAll('server'));
    if (this.subscriber.status === 'wait') await this.subscriber.connect();
    this.heartbeat = setInterval(() => this.beat(), Math.max(1, Math.floor(this.options.heartbeatMs / HEARTBEAT_SLICES)));
    this.heartbeat.unref();
  }

  /** Ends every connection (clients resume elsewhere) and the subscriber. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.closeAll('server');
    await this.subscriber.quit().catch(() => undefined);
  }

  /**
   * Starts a client's stream: subscribe, then the backlog after `after` (if given), then live.
   * Updates published during the backlog read are held by the session and released in order.
   */
  async attach(accountId: string, sink: SseSink, after: StreamPosition | null): Promise<SseSession> {
    const slot = this.attached++ % HEARTBEAT_SLICES;
    const session = new SseSession(accountId, sink, after, this.options.maxBufferedBytes, (ended) => this.detach(ended), slot);
    if (this.stopped) {
      session.close('server');
      return session;
    }
    const clients = this.join(session);
    sink.write(sseCommentFrame('connected'));
    try {
      await clients.subscribed;
      if (after !== null) await this.replay(session, after);
      session.endBacklog();
    } catch (error) {
      this.logger.warn(`trade updates of ${accountId} could not start: ${String(error)}`);
      session.close('server');
    }
    return session;
  }

  private async replay(session: SseSession, after: StreamPosition): Promise<void> {
    let from = after;
    for (let first = true; session.isOpen; first = false) {
      const page = await this.store.readAfter(session.accountId, from, this.options.backlogPageSize);
      if (first && page.previous !== null && comparePositions(page.previous, after) > 0) {
        session.raw(
          sseNoticeFrame('error', {
            code: 'TRADE_UPDATES.BACKLOG_TRIMMED',
            message: 'updates after Last-Event-ID are no longer retained; re-read orders over REST',
            last_event_id: sseId(after),
          }),
        );
      }
      session.backlog(page.entries);
      const last = page.entries[page.entries.length - 1];
      if (!page.more || !last) return;
      from = last.position;
    }
  }

  private join(session: SseSession): AccountClients {
    const existing = this.accounts.get(session.accountId);
    if (existing) {
      existing.sessions.add(session);
      return existing;
    }
    const clients: AccountClients = {
      sessions: new Set([session]),
      subscribed: this.subscriber.subscribe(this.store.keys.channel(session.accountId)),
    };
    this.accounts.set(session.accountId, clients);
    return clients;
  }

  private detach(session: SseSession): void {
    const clients = this.accounts.get(session.accountId);
    if (!clients?.sessions.delete(session) || clients.sessions.size > 0) return;
    this.accounts.delete(session.accountId);
    if (this.subscriber.status === 'ready') {
      this.subscriber.unsubscribe(this.store.keys.channel(session.accountId)).catch(() => undefined);
    }
  }

  private onMessage(channel: string, message: string): void {
    const accountId = this.store.keys.accountOfChannel(channel);
    const clients = accountId === null ? undefined : this.accounts.get(accountId);
    if (!clients) return;
    const entry = decodeLiveMessage(message);
    if (!entry) return;
    for (const session of clients.sessions) session.live(entry);
  }

  /** Each client gets one heartbeat per interval; spread over the interval, not one burst to all. */
  private beat(): void {
    const slot = this.tick++ % HEARTBEAT_SLICES;
    for (const clients of this.accounts.values()) {
      for (const session of clients.sessions) if (session.heartbeatSlot === slot) session.raw(HEARTBEAT_FRAME);
    }
  }

  private closeAll(reason: 'server'): void {
    for (const clients of [...this.accounts.values()]) for (const session of [...clients.sessions]) session.close(reason);
  }
}
