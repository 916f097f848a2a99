import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Moves the calling thread alone `steps` nice steps down from where it is (capped at 19), and
 * returns its nice value; threads it starts later inherit it. Linux's setpriority takes a thread id
 * where it takes a pid, and /proc/thread-self names the calling thread. Null where that cannot be
 * done (no /proc outside Linux, or a sandbox that refuses setpriority): the thread keeps the
 * process's priority, which costs latency under load, never correctness.
 */
export function lowerThreadPriority(steps: number): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const nice = Math.min(19, getPriority(tid) + steps);
    setPriority(tid, nice);
    return nice;
  } catch {
    return null;
  }
}
