import { readdirSync, readFileSync } from 'node:fs';
import { cpuSeconds } from './process-stats';

/** What each machine service (Kafka, DynamoDB Local, S3, PostgreSQL, Redis) used over a window, % of one core. */
export type ServiceCpu = Readonly<Record<string, number>>;

/** The service a process belongs to, from its command line; undefined for any other process. */
function serviceOf(commandLine: string): string | undefined {
  // infra/local starts every JVM with -Dtrading.infra.service=<name>
  const java = /-Dtrading\.infra\.service=([a-z0-9-]+)/.exec(commandLine);
  if (java?.[1]) return java[1];
  if (/^(\S*\/)?postgres(:|\s|$)/.test(commandLine)) return 'postgres';
  if (/^(\S*\/)?redis-server\b/.test(commandLine)) return 'redis';
  return undefined;
}

/** CPU seconds so far per service process, by pid. */
function snapshot(): Map<number, { service: string; seconds: number }> {
  const found = new Map<number, { service: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const service = serviceOf(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
      const seconds = service === undefined ? undefined : cpuSeconds(Number(entry));
      if (service !== undefined && seconds !== undefined) found.set(Number(entry), { service, seconds });
    } catch {
      // the process ended while being read
    }
  }
  return found;
}

/**
 * Starts metering the services; the returned function gives each one's CPU since then, % of one
 * core. A process that started meanwhile (a new PostgreSQL backend) counts whole; one that ended is lost.
 */
export function meterServices(): () => ServiceCpu {
  const before = snapshot();
  const startedAt = Date.now();
  return () => {
    const elapsedS = (Date.now() - startedAt) / 1000;
    const used: Record<string, number> = {};
    for (const [pid, { service, seconds }] of snapshot()) {
      used[service] = (used[service] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
    }
    return Object.fromEntries(Object.entries(used).map(([service, seconds]) => [service, (seconds / elapsedS) * 100]));
  };
}
