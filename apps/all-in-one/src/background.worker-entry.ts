import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { bootstrapObservability, ReadinessProbes, TradingMetrics, withObservability } from '@trading/observability';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './thread-priority';
import { serveHost } from './background-thread.protocol';
import { BackgroundModule } from './background.module';

interface BackgroundThreadData {
  readonly data: { readonly niceSteps: number; readonly serviceName: string };
}

/** The all-in-one's background thread: the projectors and the archiver, below the main thread's priority. */
async function start(): Promise<void> {
  const { niceSteps, serviceName } = (workerData as BackgroundThreadData).data;
  const nice = niceSteps === 0 ? null : lowerThreadPriority(niceSteps);
  const observability = bootstrapObservability(serviceName, 'embedded', { ...process.env, SERVICE_NAME: serviceName });
  if (niceSteps > 0 && nice === null) observability.logger.warn('could not lower the background thread\'s priority: it runs at the main thread\'s', 'BackgroundThread');
  const app = await NestFactory.createApplicationContext(withObservability(BackgroundModule, observability), {
    abortOnError: false,
    logger: observability.logger,
  });
  const metrics = app.get(TradingMetrics);
  const probes = app.get(ReadinessProbes);
  if (!parentPort) throw new Error('not a worker thread');
  serveHost(parentPort, { metrics: () => metrics.snapshot(), readiness: () => probes.check(), close: () => app.close() });
}

start().catch((error: unknown) => {
  process.stderr.write(`background thread start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
