import { join } from 'node:path';
import { REPO_ROOT, RunningChild, startNode } from '../support/child-process';
import { freePort } from '../support/free-port';
import { until } from '../support/sleep';

export interface Quote {
  readonly bp: number;
  readonly ap: number;
}

/** The built all-in-one process on its own port, topics and database. */
export class AllInOneProcess {
  private constructor(
    private readonly child: RunningChild,
    readonly baseUrl: string,
  ) {}

  get pid(): number {
    return this.child.pid;
  }

  /** Starts it and waits until `/health/ready` answers 200 and every symbol has a quote. */
  static async start(env: Readonly<Record<string, string>>, symbols: readonly string[], logFile: string, timeoutMs = 90_000): Promise<AllInOneProcess> {
    const port = await freePort();
    // the Node flags scripts/start.sh runs it with
    const nodeOptions = [process.env.NODE_OPTIONS, '--max-semi-space-size=64'].filter(Boolean).join(' ');
    const child = startNode(join(REPO_ROOT, 'dist/apps/all-in-one/src/main.js'), [], { ...env, NODE_OPTIONS: nodeOptions, PORT: String(port), HOST: '127.0.0.1' }, logFile);
    const system = new AllInOneProcess(child, `http://127.0.0.1:${port}`);
    try {
      const exited = (): Error | undefined =>
        child.process.exitCode === null && child.process.signalCode === null ? undefined : new Error(`exited (${child.process.signalCode ?? `code ${String(child.process.exitCode)}`})`);
      await until(
        async () => {
          const health = await fetch(`${system.baseUrl}/health/ready`);
          if (health.status !== 200) throw new Error(`/health/ready answered ${health.status}`);
          for (const symbol of symbols) await system.quote(symbol);
        },
        timeoutMs,
        250,
        exited,
      );
    } catch (error) {
      await child.stop(5_000);
      throw new Error(`the all-in-one process did not become ready (${error instanceof Error ? error.message : String(error)}):\n${child.output().slice(-4_000)}`);
    }
    return system;
  }

  async quote(symbol: string): Promise<Quote> {
    const response = await fetch(`${this.baseUrl}/v2/stocks/${encodeURIComponent(symbol)}/quotes/latest`);
    if (response.status !== 200) throw new Error(`no quote for ${symbol} yet (${response.status})`);
    return ((await response.json()) as { quote: Quote }).quote;
  }

  get running(): boolean {
    return this.child.process.exitCode === null && this.child.process.signalCode === null;
  }

  output(): string {
    return this.child.output();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
