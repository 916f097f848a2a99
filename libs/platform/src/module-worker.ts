import { resolve } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Evaluated rather than loaded from a file, so that a worker starts the same compiled (it requires
 * the `.js` entry) and under ts-jest, where the entry is TypeScript: there it transpiles each
 * module as it is required (with the `typescript` package ts-jest runs on) and resolves the
 * `@trading/*` aliases as jest does.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) {
  const Module = require('node:module');
  const { readFileSync } = require('node:fs');
  const { join } = require('node:path');
  const ts = require(workerData.typescript);
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
    experimentalDecorators: true, emitDecoratorMetadata: true,
  };
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const alias = /^@trading\\/([a-z-]+)$/.exec(request);
    return resolveFilename.call(this, alias ? join(workerData.libs, alias[1], 'src') : request, ...rest);
  };
  Module._extensions['.ts'] = (module, filename) =>
    module._compile(ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions }).outputText, filename);
}
require(workerData.entry);
`;

export interface ModuleWorkerOptions {
  readonly resourceLimits?: ResourceLimits;
  /** Handed to the entry as `workerData.data` (structured-cloneable). */
  readonly data?: unknown;
}

/**
 * A worker thread running `entry` (an absolute module path, from `require.resolve`), compiled or,
 * under ts-jest, TypeScript. Throws where no thread can be started.
 */
export function startModuleWorker(entry: string, options: ModuleWorkerOptions = {}): Worker {
  const compile = entry.endsWith('.ts') ? { typescript: require.resolve('typescript'), libs: resolve(__dirname, '..', '..') } : {};
  return new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { entry, data: options.data, ...compile },
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
}
