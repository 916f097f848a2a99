/** Throws (or rejects, or returns false) when what it checks is not ready. */
export type ReadinessProbe = () => Promise<boolean | void> | boolean | void;

export interface ProbeResult {
  readonly status: 'up' | 'down';
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Readonly<Record<string, ProbeResult>>;
}

/**
 * What `/health/ready` asks: the parts of the process register their own conditions (the OMS:
 * state rebuilt for every owned partition; a projector: its stores answer). No probe: ready.
 */
export class ReadinessProbes {
  private readonly probes = new Map<string, ReadinessProbe>();
  private readonly includes = new Map<string, () => Promise<ReadinessReport>>();

  constructor(private readonly timeoutMs = 2000) {}

  register(name: string, probe: ReadinessProbe): () => void {
    this.probes.set(name, probe);
    return () => {
      if (this.probes.get(name) === probe) this.probes.delete(name);
    };
  }

  /**
   * Adds the checks of another report (a worker thread's) to every check; when that report cannot
   * be had, a check called `name` is down with the reason. Returns the way to stop.
   */
  include(name: string, report: () => Promise<ReadinessReport>): () => void {
    this.includes.set(name, report);
    return () => {
      if (this.includes.get(name) === report) this.includes.delete(name);
    };
  }

  async check(): Promise<ReadinessReport> {
    const [own, included] = await Promise.all([
      Promise.all([...this.probes].map(async ([name, probe]): Promise<[string, ProbeResult]> => [name, await this.run(probe)])),
      Promise.all([...this.includes].map(([name, report]) => this.runIncluded(name, report))),
    ]);
    const entries = [...own, ...included.flat()];
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, result]) => result.status === 'up') ? 'ok' : 'unavailable', checks };
  }

  private async runIncluded(name: string, report: () => Promise<ReadinessReport>): Promise<[string, ProbeResult][]> {
    let checks: Readonly<Record<string, ProbeResult>> = {};
    const result = await this.run(async () => {
      checks = (await report()).checks;
    });
    return result.status === 'up' ? Object.entries(checks) : [[name, result]];
  }

  private async run(probe: ReadinessProbe): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([Promise.resolve().then(probe), timeout]);
      return answer === false ? { status: 'down', error: 'not ready' } : { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
