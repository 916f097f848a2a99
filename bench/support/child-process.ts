import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file runs from `.bench/build/bench/support/`). */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
/** Where `bench/**` is compiled to. */
export const BENCH_BUILD = join(REPO_ROOT, '.bench', 'build', 'bench');

export interface RunningChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last ~64 KiB of stdout and stderr, interleaved. */
  readonly output: () => string;
  /** Everything written to stdout (for children that answer there). */
  readonly stdout: () => string;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  readonly stop: (graceMs?: number) => Promise<void>;
}

const TAIL_BYTES = 64 * 1024;

/** Starts `node <script> ...args` with extra environment, capturing its output (all of it in `logFile` if given). */
export function startNode(script: string, args: readonly string[], env: Readonly<Record<string, string>>, logFile?: string): RunningChild {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  let tail = '';
  let out = '';
  const file = logFile === undefined ? undefined : createWriteStream(logFile, { flags: 'w' });
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-TAIL_BYTES);
    file?.write(chunk);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    keep(chunk);
  });
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      file?.end();
      resolve({ code, signal });
    }),
  );
  const stop = async (graceMs = 15_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  };
  return { process: child, pid: child.pid, output: () => tail, stdout: () => out, exited, stop };
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function runInherited(command: string, args: readonly string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (${signal ?? `exit ${String(code)}`})`)),
    );
  });
}
