import { parentPort } from 'node:worker_threads';
import { EncodeReply, EncodeRequest, unpackRecords } from './parquet-encode.request';
import { encodeParquet } from './parquet.codec';

// The worker thread of ParquetEncodeWorker: encodeParquet off the thread that consumes.
parentPort?.on('message', (request: EncodeRequest) => {
  let bytes: Uint8Array;
  try {
    bytes = encodeParquet(unpackRecords(request), request.compression);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies EncodeReply);
    return;
  }
  parentPort?.postMessage({ id: request.id, bytes } satisfies EncodeReply, [bytes.buffer as ArrayBuffer]);
});
