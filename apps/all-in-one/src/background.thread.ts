import { Logger, LoggerService } from '@nestjs/common';
import { MetricsSnapshot, ReadinessReport } from '@trading/observability';
import { startModuleWorker } from '@trading/platform';
import { Worker } from 'node:worker_threads';
import { HostRequest, ThreadMessage } from './background-thread.protocol';

export interface BackgroundThreadOptions {
  /** The thread's entry module (absolute, from `require.resolve`). */
  readonly entry: string;
  /** Handed to the entry as `workerData.data`. */
  readonly data?: unknown;
  /** The first restart after a crash waits this long; each crash in a row doubles it, up to `maxRestartDelayMs`. */
  readonly restartDelayMs?: number;
  readonly maxRestartDelayMs?: number;
  /** A thread that ran this long before it crashed restarts after `restartDelayMs` again. */
  readonly stableAfterMs?: number;
  /** A metrics or readiness question the thread leaves unanswered this long fails. */
  readonly requestTimeoutMs?: number;
}

interface Pending {
  readonly resolve: (message: ThreadMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

class BackgroundThreadError extends Error {
  readonly code = 'ALL_IN_ONE.BACKGROUND_THREAD';
}

/**
 * The main thread's handle on the background thread: starts it, asks it for its metrics and
 * readiness, restarts it after a crash (with a growing delay, the main thread serving on
 * meanwhile and reporting itself not ready), and closes it.
 */
export class BackgroundThread {
  private worker: Worker | null = null;
  private down = 'not started';
  private closing = false;
  private crashes = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly options: BackgroundThreadOptions,
    private readonly logger: LoggerService = new Logger(BackgroundThread.name),
  ) {}

  /** Resolves once the thread has started its work; rejects with why it could not. */
  start(): Promise<void> {
    this.closing = false;
    return this.launch();
  }

  async metrics(): Promise<MetricsSnapshot> {
    const answer = await this.ask('metrics');
    if (answer.type !== 'metrics') throw new BackgroundThreadError(`background thread answered ${answer.type} to metrics`);
    return answer.metrics;
  }

  /** The thread's own readiness report; throws while the thread is down, saying why. */
  async readiness(): Promise<ReadinessReport> {
    const answer = await this.ask('readiness');
    if (answer.type !== 'readiness') throw new BackgroundThreadError(`background thread answered ${answer.type} to readiness`);
    return answer.report;
  }

  /** Lets the thread stop its work (consumers leave their groups, producers flush) and waits for it to end. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies HostRequest);
    await exited;
  }

  private launch(): Promise<void> {
    const worker = startModuleWorker(this.options.entry, this.options.data === undefined ? {} : { data: this.options.data });
    this.worker = worker;
    const launchedAt = Date.now();
    let lastError: Error | null = null;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'started') {
          started = true;
          this.down = '';
          resolve();
          return;
        }
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve(message);
      });
      worker.on('error', (error) => {
        lastError = error;
        this.logger.error(`background thread failed: ${error.stack ?? error.message}`, BackgroundThread.name);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = null;
        const why = lastError ? lastError.message : `exit code ${code}`;
        this.down = `background thread ended (${why})`;
        this.failPending(this.down);
        if (!started) {
          reject(new BackgroundThreadError(`background thread ended during start-up (${why})`));
          return;
        }
        if (this.closing) return;
        this.crashes = Date.now() - launchedAt >= (this.options.stableAfterMs ?? 60_000) ? 1 : this.crashes + 1;
        this.scheduleRestart();
      });
    });
  }

  private scheduleRestart(): void {
    const initial = this.options.restartDelayMs ?? 1_000;
    const delay = Math.min(initial * 2 ** (this.crashes - 1), this.options.maxRestartDelayMs ?? 30_000);
    this.down = `${this.down}; restarting in ${delay} ms`;
    this.logger.error(`${this.down} (crash ${this.crashes} in a row)`, BackgroundThread.name);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closing) return;
      this.launch().then(
        () => {
          this.logger.log('background thread restarted', BackgroundThread.name);
        },
        (error: unknown) => {
          this.logger.error(error instanceof Error ? error.message : String(error), BackgroundThread.name);
          this.crashes += 1;
          if (!this.closing) this.scheduleRestart();
        },
      );
    }, delay);
  }

  private ask(type: 'metrics' | 'readiness'): Promise<ThreadMessage> {
    const worker = this.worker;
    if (!worker || this.down) return Promise.reject(new BackgroundThreadError(this.down || 'background thread not running'));
    const id = this.nextId++;
    const timeoutMs = this.options.requestTimeoutMs ?? 2_000;
    return new Promise<ThreadMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new BackgroundThreadError(`background thread did not answer ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ type, id } satisfies HostRequest);
    });
  }

  private failPending(reason: string): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new BackgroundThreadError(reason));
    }
    this.pending.clear();
  }
}
