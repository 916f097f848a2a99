import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readParquet } from 'parquet-wasm';

/** A file to download, check against its manifest's SHA-256, and decode. */
export interface ArchiveObjectFetch {
  /** Plain client configuration (`s3ClientConfig`): the worker builds its own client from it. */
  readonly config: S3ClientConfig;
  readonly bucket: string;
  readonly key: string;
  readonly sha256: string;
}

interface DecodeRequest {
  readonly id: number;
  readonly bytes?: Uint8Array;
  readonly fetch?: ArchiveObjectFetch;
  readonly batchRows: number;
}

const clients = new Map<string, S3Client>();

/** The bytes of the object when they match their hash; null for anything else (the reader then names the problem). */
async function download({ config, bucket, key, sha256 }: ArchiveObjectFetch): Promise<Uint8Array | null> {
  try {
    // loaded at the first download only: a worker that just decodes never pays for the SDK
    const { S3Client: Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const id = JSON.stringify(config);
    const client = clients.get(id) ?? new Client(config);
    clients.set(id, client);
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = await object.Body?.transformToByteArray();
    return bytes && createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null;
  } catch {
    return null;
  }
}

function decode(bytes: Uint8Array, batchRows: number): Uint8Array {
  return readParquet(bytes, { batchSize: batchRows }).intoIPCStream();
}

// The worker thread of ParquetDecodeWorker: a Parquet file (handed over, or downloaded here) to an
// Arrow IPC stream, off the thread that folds.
parentPort?.on('message', ({ id, bytes, fetch, batchRows }: DecodeRequest) => {
  void (async () => {
    const input = bytes ?? (fetch ? await download(fetch) : null);
    if (!input) {
      parentPort?.postMessage({ id, unverified: true });
      return;
    }
    let ipc: Uint8Array;
    try {
      ipc = decode(input, batchRows);
    } catch (error) {
      parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    parentPort?.postMessage({ id, ipc }, [ipc.buffer as ArrayBuffer]);
  })();
});
