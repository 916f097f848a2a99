import { readdirSync, readFileSync } from 'node:fs';

/** `ulimit -n` of a process (soft and hard "Max open files"), from /proc/<pid>/limits. */
export interface OpenFileLimit {
  readonly soft: number | null;
  readonly hard: number | null;
}

export function openFileLimit(pid: number | 'self' = 'self'): OpenFileLimit {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files')) ?? '';
    const [soft, hard] = line.replace('Max open files', '').trim().split(/\s+/);
    const value = (text: string | undefined): number | null => (text === undefined || text === 'unlimited' ? null : Number(text));
    return { soft: value(soft), hard: value(hard) };
  } catch {
    return { soft: null, hard: null };
  }
}

/** File descriptors a process holds now; undefined if it is gone. */
export function openFileCount(pid: number | 'self'): number | undefined {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
}
