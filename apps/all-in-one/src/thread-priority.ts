import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Moves the calling thread alone `steps` nice steps down from where it is (capped at 19), and
 * returns its nice value; threads it starts later inherit it. Linux's setpriority takes a thread id
 * where it takes a pid, and /proc/thread-self names the calling thread. Null where there is no
 * /proc (not Linux): the thread keeps the process's priority.
 */
export function lowerThreadPriority(steps: number): number | null {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
  const nice = Math.min(19, getPriority(tid) + steps);
  setPriority(tid, nice);
  return nice;
}
