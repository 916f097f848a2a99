import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runInherited } from '../support/child-process';
import { log } from '../support/log';

/** The built entry points the bench runs. */
export const ENTRY_POINTS = ['dist/apps/all-in-one/src/main.js', 'dist/apps/admin/src/main.js'] as const;

const SOURCES = ['apps', 'libs'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** Runs `npm run build` when an entry point is missing or a source is newer than the oldest one. */
export async function buildIfNeeded(): Promise<'fresh' | 'built'> {
  const built = ENTRY_POINTS.map((entry) => mtime(join(REPO_ROOT, entry)));
  const oldest = built.some((m) => m === undefined) ? undefined : Math.min(...(built as number[]));
  const newestSource = Math.max(...SOURCES.map((dir) => newestTs(join(REPO_ROOT, dir))), ...CONFIG.map((f) => mtime(join(REPO_ROOT, f)) ?? 0));
  if (oldest !== undefined && newestSource <= oldest) return 'fresh';
  log(oldest === undefined ? 'dist/ is missing: npm run build' : 'sources are newer than dist/: npm run build');
  await runInherited('npm', ['run', '--silent', 'build'], 'npm run build');
  return 'built';
}

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestTs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
