import type { MetricsSnapshot, ReadinessReport } from '@trading/observability';
import type { MessagePort } from 'node:worker_threads';

/** What the main thread asks the background thread; `id` pairs a question with its answer. */
export type HostRequest =
  | { readonly type: 'metrics'; readonly id: number }
  | { readonly type: 'readiness'; readonly id: number }
  | { readonly type: 'close' };

/** What the background thread tells the main thread. */
export type ThreadMessage =
  | { readonly type: 'started' }
  | { readonly type: 'metrics'; readonly id: number; readonly metrics: MetricsSnapshot }
  | { readonly type: 'readiness'; readonly id: number; readonly report: ReadinessReport };

export interface BackgroundWork {
  metrics(): Promise<MetricsSnapshot>;
  readiness(): Promise<ReadinessReport>;
  /** Stops the work; the thread ends when it resolves. */
  close(): Promise<void>;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The background thread's side: says it has started, then answers the main thread until told to
 * close. A question it cannot answer is left unanswered (the main thread's wait for it fails) and
 * logged, never a crash of the thread.
 */
export function serveHost(port: MessagePort, work: BackgroundWork): void {
  const send = (message: ThreadMessage) => port.postMessage(message);
  const unanswered = (type: string) => (error: unknown) => process.stderr.write(`background thread: no ${type} to answer with: ${describe(error)}\n`);
  port.on('message', (request: HostRequest) => {
    switch (request.type) {
      case 'metrics':
        work.metrics().then((metrics) => send({ type: 'metrics', id: request.id, metrics }), unanswered('metrics'));
        return;
      case 'readiness':
        work.readiness().then((report) => send({ type: 'readiness', id: request.id, report }), unanswered('readiness'));
        return;
      case 'close':
        work.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`background thread: close failed: ${describe(error)}\n`);
            process.exit(1);
          },
        );
    }
  });
  send({ type: 'started' });
}
