import { startModuleWorker } from '@trading/platform';
import { Worker } from 'node:worker_threads';
import type { ArchiveObjectFetch } from './parquet-decode.worker-entry';

/** The thread is gone (closed, crashed, never started): not a verdict on the file. */
export class DecodeWorkerUnavailable extends Error {}

interface Reply {
  readonly id: number;
  readonly ipc?: Uint8Array;
  readonly error?: string;
  /** A download the worker could not get or whose hash differed. */
  readonly unverified?: true;
}

interface Waiting {
  readonly resolve: (ipc: Uint8Array | null) => void;
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
    // a copy of exactly these bytes, handed over: a Buffer may be a view of a larger shared one
    const own = new Uint8Array(bytes);
    return this.request({ bytes: own, batchRows }, [own.buffer]) as Promise<Uint8Array>;
  }

  /**
   * The Arrow IPC stream of an archive file the worker downloads itself, with a client of its own
   * (an S3 request costs the calling thread about 1.4 ms of CPU in the SDK), once its SHA-256 is
   * the manifest's. Null when the worker could not get those bytes: a missing object, a hash that
   * differs, a failed request; the caller reads the file itself and names the problem.
   */
  fetchToIpcStream(fetch: ArchiveObjectFetch, batchRows: number): Promise<Uint8Array | null> {
    return this.request({ fetch, batchRows }, []);
  }

  private request(message: { bytes?: Uint8Array; fetch?: ArchiveObjectFetch; batchRows: number }, transfer: ArrayBuffer[]): Promise<Uint8Array | null> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // a thread waited on keeps the process alive; an idle one does not
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<Uint8Array | null>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message }, transfer);
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
    else if (reply.unverified) waiting.resolve(null);
    else waiting.reject(new Error(reply.error ?? 'the Parquet decode worker sent no stream'));
  }

  private fail(error: DecodeWorkerUnavailable): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.worker.unref();
  }
}
