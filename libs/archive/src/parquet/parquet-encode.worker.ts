import { startModuleWorker } from '@trading/platform';
import { Worker } from 'node:worker_threads';
import { ArchivedRecord } from '../model/archived-record';
import { EncodeReply, EncodeRequest, packValues } from './parquet-encode.request';
import { encodeParquet, ParquetCompression } from './parquet.codec';

/** Encodes records as one Parquet file (`encodeParquet`'s bytes), wherever it runs. */
export interface ParquetEncoder {
  encode(records: readonly ArchivedRecord[], compression: ParquetCompression): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** `encodeParquet` on the calling thread. */
export const IN_PROCESS_PARQUET_ENCODER: ParquetEncoder = {
  encode: (records, compression) => Promise.resolve(encodeParquet(records, compression)),
  close: () => Promise.resolve(),
};

interface Waiting {
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/**
 * `encodeParquet` on a worker thread: a file of thousands of records takes the encoding thread
 * for a few hundred ms, which in a process that also serves orders is a stall of every request.
 * The bytes are the same (the same function encodes them). Where the thread cannot start or dies,
 * it encodes on the calling thread instead, and starts a new thread for the next file. An idle
 * thread never keeps the process alive.
 */
export class ParquetEncodeWorker implements ParquetEncoder {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private closed = false;
  /** Files the thread encoded (the rest were encoded on the calling thread). */
  encodedOnThread = 0;

  async encode(records: readonly ArchivedRecord[], compression: ParquetCompression): Promise<Uint8Array> {
    const worker = this.closed ? null : this.thread();
    if (!worker) return encodeParquet(records, compression);
    const id = this.nextId++;
    const { values, starts } = packValues(records);
    const request: EncodeRequest = { id, records: records.map(({ value: _value, ...rest }) => rest), values, starts, compression };
    if (this.waiting.size === 0) worker.ref();
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage(request, [values.buffer as ArrayBuffer, starts.buffer as ArrayBuffer]);
      });
    } catch (error) {
      if (error instanceof EncodeWorkerGone) return encodeParquet(records, compression);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.fail(new EncodeWorkerGone('the Parquet encode worker was closed'));
    await worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = startModuleWorker(require.resolve('./parquet-encode.worker-entry'));
    } catch {
      return null;
    }
    worker.unref();
    worker.on('message', (reply: EncodeReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(new EncodeWorkerGone(`the Parquet encode worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.fail(new EncodeWorkerGone(`the Parquet encode worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: EncodeReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (reply.bytes) {
      this.encodedOnThread += 1;
      waiting.resolve(reply.bytes);
    }
    else waiting.reject(new Error(reply.error ?? 'the Parquet encode worker sent no bytes'));
  }

  private fail(error: EncodeWorkerGone): void {
    this.worker = null;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/** The thread is gone: says nothing of the records, which are then encoded in process. */
class EncodeWorkerGone extends Error {}
