import { readParquet } from 'parquet-wasm';
import { parentPort } from 'node:worker_threads';

interface DecodeRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly batchRows: number;
}

// The worker thread of ParquetDecodeWorker: a Parquet file to an Arrow IPC stream, off the thread that folds.
parentPort?.on('message', ({ id, bytes, batchRows }: DecodeRequest) => {
  let ipc: Uint8Array;
  try {
    ipc = readParquet(bytes, { batchSize: batchRows }).intoIPCStream();
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort?.postMessage({ id, ipc }, [ipc.buffer as ArrayBuffer]);
});
