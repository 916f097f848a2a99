import { BrokerExecutionReport, BrokerExecutionReportKind, BrokerOrder } from '@trading/broker-sdk';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FixBrokerAdapter } from '../fix-broker.adapter';
import { fixBrokerConfig, FixBrokerOptions } from '../fix-broker.config';
import { FixLogSink } from '../fix-engine-log.factory';

/** Test support: the real QuickFIX/J executor started by infra/fix-executor/fix-executor.sh. */
const root = join(__dirname, '..', '..', '..', '..');
const script = join(root, 'infra', 'fix-executor', 'fix-executor.sh');

export const EXECUTOR = {
  host: process.env.FIX_EXECUTOR_HOST ?? '127.0.0.1',
  port: Number(process.env.FIX_EXECUTOR_PORT ?? 9880),
  compId: process.env.FIX_EXECUTOR_COMP_ID ?? 'EXEC',
  /** The executor's DefaultMarketPrice: market orders fill at it. */
  marketPrice: process.env.FIX_EXECUTOR_MARKET_PRICE ?? '12.30',
} as const;

/** Starts the executor unless it answers; throws, naming what is missing, if it cannot. */
export function startExecutor(): void {
  for (const tool of [['java', '-version'], ['mvn', '-v']] as const) {
    if (spawnSync(tool[0], [tool[1]], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`${tool[0]} is needed to start the QuickFIX/J executor (Java 17 and Maven)`);
    }
  }
  execFileSync('bash', [script, 'start'], { stdio: 'inherit', env: { ...process.env, FIX_EXECUTOR_PORT: String(EXECUTOR.port) } });
}

/** A CompID no other run uses: the executor gives each its own session (fresh sequence numbers). */
export const uniqueCompId = (): string => `T${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();

export const captureLog = (): FixLogSink & { readonly lines: string[] } => {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
};

export function executorAdapter(overrides: Partial<FixBrokerOptions> = {}, log: FixLogSink = captureLog()): FixBrokerAdapter {
  const senderCompId = overrides.senderCompId ?? uniqueCompId();
  const config = fixBrokerConfig({
    host: EXECUTOR.host,
    port: EXECUTOR.port,
    senderCompId,
    targetCompId: EXECUTOR.compId,
    storeDirectory: join(root, '.infra', 'data', 'broker-fix-tests', senderCompId),
    venue: 'QFJ-EXECUTOR',
    heartbeatSeconds: 5,
    ...overrides,
  });
  return new FixBrokerAdapter(config, { now: () => new Date() }, { next: () => randomUUID() }, log);
}

export const limitOrder = (clientOrderId: string, limitPrice = '101.25', qty = '7'): BrokerOrder => ({
  clientOrderId,
  accountId: 'acc-1',
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  timeInForce: 'day',
  qty,
  notional: null,
  limitPrice,
  stopPrice: null,
});

/** Collects an adapter's reports; `next` waits for the next one of a kind for an order. */
export class ReportRecorder {
  readonly reports: BrokerExecutionReport[] = [];
  private waiters: (() => void)[] = [];

  constructor(adapter: FixBrokerAdapter) {
    adapter.onReport((report) => {
      this.reports.push(report);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  async waitFor(clientOrderId: string, kind: BrokerExecutionReportKind, count = 1, timeoutMs = 10_000): Promise<BrokerExecutionReport[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(clientOrderId).filter((r) => r.kind === kind);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${count}x ${kind} for ${clientOrderId} within ${timeoutMs} ms; got ${JSON.stringify(this.of(clientOrderId))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  of(clientOrderId: string): BrokerExecutionReport[] {
    return this.reports.filter((r) => r.clientOrderId === clientOrderId);
  }
}
