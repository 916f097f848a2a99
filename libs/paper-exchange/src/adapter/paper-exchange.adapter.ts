import {
  BrokerAdapter,
  BrokerCancel,
  BrokerExecutionReport,
  BrokerFill,
  BrokerOrder,
  BrokerOrderSnapshot,
  BrokerReplace,
  BrokerReportListener,
  BrokerUnavailableError,
  Unsubscribe,
} from '@trading/broker-sdk';
import { Clock, IsoTime, epochMs } from '@trading/domain';
import type { LatestQuotes, Quote } from '@trading/market-data';
import { PaperExchangeConfig } from '../config/paper-exchange.config';
import { PaperVenue } from '../venue/paper-venue';
import { quoteIdentity, toMarketQuote } from './market-quote.mapper';
import { CancelTask, Scheduler } from './scheduler.port';

export interface PaperExchangeAdapterDeps {
  readonly config: PaperExchangeConfig;
  /** Read on every submit and poll for the order's symbol. */
  readonly quotes: Pick<LatestQuotes, 'latest'>;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
}

const isFill = (report: BrokerExecutionReport): report is BrokerFill =>
  report.kind === 'fill' || report.kind === 'partial_fill';

/** The latest reports `redeliver` sends again (a venue resends from a recent point, not the whole history). */
export const REDELIVERY_WINDOW = 10_000;
/** How long `fills(since)` remembers a fill: the longest look-back the execution service may ask for (EXECUTION_FILLS_LOOKBACK_MS). */
export const FILLS_RETENTION_MS = 86_400_000;
const FILL_DROP_CHUNK = 1_024;

/**
 * The paper venue behind the broker-adapter interface. The venue keeps working orders whether or
 * not a session is connected (as a real venue would); reports decided while disconnected are
 * held and delivered, in order, once connected again. Listeners must not throw.
 */
export class PaperExchangeAdapter implements BrokerAdapter {
  readonly name = 'paper';
  private readonly venue: PaperVenue;
  private readonly listeners = new Set<BrokerReportListener>();
  /** The latest reports delivered to listeners, for `redeliver` (up to twice REDELIVERY_WINDOW, trimmed in one go). */
  private readonly delivered: BrokerExecutionReport[] = [];
  /** Batches decided but not yet delivered (latency, or no session), oldest first. */
  private readonly outbox: (readonly BrokerExecutionReport[])[] = [];
  /** Fills in the order reported, for `fills(since)`; those older than FILLS_RETENTION_MS are dropped in chunks. */
  private readonly fillLog: BrokerFill[] = [];
  private readonly appliedQuotes = new Map<string, string>();
  private connected = false;
  private stopPolling: CancelTask | null = null;

  constructor(private readonly deps: PaperExchangeAdapterDeps) {
    this.venue = new PaperVenue(deps.config);
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    this.connected = true;
    const { quotePollMs } = this.deps.config;
    if (quotePollMs !== null) this.stopPolling = this.deps.scheduler.every(quotePollMs, () => this.pollQuotes());
    const last = this.outbox.at(-1);
    if (last) this.flushLater(last);
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    this.stopPolling?.();
    this.stopPolling = null;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async submit(order: BrokerOrder): Promise<void> {
    this.ensureConnected();
    this.refreshQuote(order.symbol);
    this.emit(this.venue.submit(order, this.now()));
  }

  async cancel(request: BrokerCancel): Promise<void> {
    this.ensureConnected();
    this.emit(this.venue.cancel(request.clientOrderId, this.now()));
  }

  async replace(request: BrokerReplace): Promise<void> {
    this.ensureConnected();
    this.refreshQuote(request.replacement.symbol);
    this.emit(this.venue.replace(request.clientOrderId, request.replacement, this.now()));
  }

  async lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null> {
    this.ensureConnected();
    return this.venue.lookup(clientOrderId);
  }

  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    this.ensureConnected();
    return this.venue.openOrders();
  }

  async fills(since: IsoTime): Promise<readonly BrokerFill[]> {
    this.ensureConnected();
    return this.fillLog.filter((fill) => epochMs(fill.at) >= epochMs(since));
  }

  onReport(listener: BrokerReportListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new quote from the market-data feed; a quote already applied is ignored. */
  onQuote(quote: Quote): void {
    if (this.appliedQuotes.get(quote.symbol) === quoteIdentity(quote)) return;
    this.appliedQuotes.set(quote.symbol, quoteIdentity(quote));
    this.emit(this.venue.quote(toMarketQuote(quote), this.now()));
  }

  /** Reads the latest quote of every symbol with working orders (what the poll timer runs). */
  pollQuotes(): void {
    for (const symbol of this.venue.workingSymbols()) this.refreshQuote(symbol);
  }

  /** Closes the trading day: every working DAY order expires. */
  endOfDay(): void {
    this.emit(this.venue.endOfDay(this.now()));
  }

  /** Sends the latest REDELIVERY_WINDOW reports delivered so far once more, as a venue resending after a reconnect. */
  redeliver(): void {
    const again = this.delivered.slice(-REDELIVERY_WINDOW);
    this.deps.scheduler.after(this.deps.config.latencyMs, () => {
      if (this.connected) this.deliver(again);
    });
  }

  /** Nest calls this on shutdown: stops the poll timer. */
  async onModuleDestroy(): Promise<void> {
    await this.disconnect();
  }

  private refreshQuote(symbol: string): void {
    const quote = this.deps.quotes.latest(symbol);
    if (quote) this.onQuote(quote);
  }

  private emit(reports: readonly BrokerExecutionReport[]): void {
    if (reports.length === 0) return;
    this.fillLog.push(...reports.filter(isFill));
    this.forgetOldFills();
    this.outbox.push(reports);
    if (this.connected) this.flushLater(reports);
  }

  /** After the latency, delivers every batch up to `last` in order, unless the session dropped meanwhile. */
  private flushLater(last: readonly BrokerExecutionReport[]): void {
    this.deps.scheduler.after(this.deps.config.latencyMs, () => {
      if (!this.connected || !this.outbox.includes(last)) return;
      for (let batch = this.outbox.shift(); batch; batch = batch === last ? undefined : this.outbox.shift()) {
        this.delivered.push(...batch);
        if (this.delivered.length > 2 * REDELIVERY_WINDOW) this.delivered.splice(0, this.delivered.length - REDELIVERY_WINDOW);
        this.deliver(batch);
      }
    });
  }

  /** Drops fills past the retention once there are enough to be worth moving the rest (each drop copies the log). */
  private forgetOldFills(): void {
    const cutoffMs = this.deps.clock.now().getTime() - FILLS_RETENTION_MS;
    let expired = 0;
    while (expired < this.fillLog.length && epochMs((this.fillLog[expired] as BrokerFill).at) < cutoffMs) expired += 1;
    if (expired >= FILL_DROP_CHUNK || (expired > 0 && expired * 2 >= this.fillLog.length)) this.fillLog.splice(0, expired);
  }

  private deliver(reports: readonly BrokerExecutionReport[]): void {
    for (const report of reports) for (const listener of [...this.listeners]) listener(report);
  }

  private ensureConnected(): void {
    if (!this.connected) throw new BrokerUnavailableError(this.name, 'not connected');
  }

  private now(): IsoTime {
    return this.deps.clock.now().toISOString();
  }
}
