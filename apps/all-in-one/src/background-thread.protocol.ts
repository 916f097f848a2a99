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

/** The background thread's side: says it has started, then answers the main thread until told to close. */
export function serveHost(port: MessagePort, work: BackgroundWork): void {
  const send = (message: ThreadMessage) => port.postMessage(message);
  port.on('message', (request: HostRequest) => {
    switch (request.type) {
      case 'metrics':
        void work.metrics().then((metrics) => send({ type: 'metrics', id: request.id, metrics }));
        return;
      case 'readiness':
        void work.readiness().then((report) => send({ type: 'readiness', id: request.id, report }));
        return;
      case 'close':
        work.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`background thread: close failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
          },
        );
    }
  });
  send({ type: 'started' });
}
