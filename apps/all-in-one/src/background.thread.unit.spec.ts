import { eventually } from '@trading/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundThread, BackgroundThreadOptions } from './background.thread';
import { ScriptedBackground } from './testing/scripted-background.worker-entry';

const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** Nice values of this process's threads. */
function niceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('BackgroundThread', () => {
  const threads: BackgroundThread[] = [];
  const scripted = (script: ScriptedBackground, options: Partial<BackgroundThreadOptions> = {}): BackgroundThread => {
    const thread = new BackgroundThread({ entry: require.resolve('./testing/scripted-background.worker-entry'), data: script, ...options }, silent);
    threads.push(thread);
    return thread;
  };
  afterEach(() => Promise.all(threads.splice(0).map((thread) => thread.close())));

  it('given a started thread, when asked, then its metrics and readiness come back; once closed it answers no more', async () => {
    const thread = scripted({});

    await thread.start();

    const metrics = await thread.metrics();
    expect(metrics.find((metric) => metric.name === 'trading_fills_total')?.values).toEqual([{ value: 7, labels: { broker: 'scripted', side: 'buy' } }]);
    await expect(thread.readiness()).resolves.toEqual({ status: 'ok', checks: {} });
    await thread.close();
    await expect(thread.readiness()).rejects.toThrow(/ended/);
  });

  it('given a check of the thread that is down, when readiness is asked, then the thread\'s report names it and why', async () => {
    const thread = scripted({ downCheck: 'positions-store' });
    await thread.start();

    await expect(thread.readiness()).resolves.toEqual({ status: 'unavailable', checks: { 'positions-store': { status: 'down', error: 'store unreachable' } } });
  });

  it('given a thread whose metrics cannot be read, when asked, then the question times out and the thread runs on', async () => {
    const thread = scripted({ failMetrics: true }, { requestTimeoutMs: 300 });
    await thread.start();

    await expect(thread.metrics()).rejects.toThrow('background thread did not answer metrics within 300 ms');
    await expect(thread.readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('given a thread that throws while starting, when started, then start fails with its error and nothing restarts', async () => {
    const thread = scripted({ failStart: 'no broker adapters configured' }, { restartDelayMs: 10 });

    await expect(thread.start()).rejects.toThrow(/during start-up \(no broker adapters configured\)/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(thread.metrics()).rejects.toThrow(/ended/);
  });

  it('given a thread that crashes after starting, when it ends, then it is reported down and started again after the delay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'background-thread-'));
    try {
      const thread = scripted({ crashAfterMs: 50, survivedMarker: join(dir, 'crashed') }, { restartDelayMs: 300 });
      await thread.start();

      await eventually(() => expect(thread.readiness()).rejects.toThrow(/scripted crash.*restarting in 300 ms/), { timeoutMs: 5_000, intervalMs: 20 });
      await eventually(() => expect(thread.readiness()).resolves.toEqual({ status: 'ok', checks: {} }), { timeoutMs: 5_000, intervalMs: 50 });
      expect((await thread.metrics()).some((metric) => metric.name === 'trading_fills_total')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('given nice steps, when the thread starts, then that thread alone runs that many steps below this one', async () => {
    const own = getPriority();
    const thread = scripted({ niceSteps: 7 });

    await thread.start();

    expect(niceValues().filter((nice) => nice === Math.min(19, own + 7))).toHaveLength(1);
    expect(getPriority()).toBe(own);
  });
});
