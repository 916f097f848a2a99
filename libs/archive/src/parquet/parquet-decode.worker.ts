import { startModuleWorker } from '@trading/platform';
import { Worker } from 'node:worker_threads';

/** The thread is gone (closed, crashed, never started): not a verdict on the file. */
export class DecodeWorkerUnavailable extends Error {}

interface Reply {
  readonly id: number;
  readonly ipc?: Uint8Array;
  readonly error?: string;
}

interface Waiting {
  readonly resolve: (ipc: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Parquet files decoded (decompressed, turned into an Arrow IPC stream) on a worker thread, in the
 * order asked: the WebAssembly half of reading a file, which otherwise takes the thread that folds
 * the records. The stream comes back transferred, not copied. `close()` ends the thread.
 */
export class ParquetDecodeWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: DecodeWorkerUnavailable | null = null;

  constructor() {
    this.worker = startModuleWorker(require.resolve('./parquet-decode.worker-entry'));
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(new DecodeWorkerUnavailable(`the Parquet decode worker failed: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => this.fail(new DecodeWorkerUnavailable(`the Parquet decode worker exited (code ${code})`)));
  }

  /**
   * The Arrow IPC stream of the Parquet file; rejects with the decoder's message on bytes that are
   * not one, or with `DecodeWorkerUnavailable` when the thread is gone.
   */
  toIpcStream(bytes: Uint8Array, batchRows: number): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // a thread waited on keeps the process alive; an idle one does not
    if (this.waiting.size === 0) this.worker.ref();
    // a copy of exactly these bytes, handed over: a Buffer may be a view of a larger shared one
    const own = new Uint8Array(bytes);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, bytes: own, batchRows }, [own.buffer]);
    });
  }

  /** The thread exited or failed: a new one is needed. */
  get broken(): boolean {
    return this.failure !== null;
  }

  async close(): Promise<void> {
    this.fail(new DecodeWorkerUnavailable('the Parquet decode worker was closed'));
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.ipc) waiting.resolve(reply.ipc);
    else waiting.reject(new Error(reply.error ?? 'the Parquet decode worker sent no stream'));
  }

  private fail(error: DecodeWorkerUnavailable): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.worker.unref();
  }
}
