import { ParquetDecodeWorker } from '../parquet/parquet-decode.worker';

/** How long a decode worker outlives the last read that used it. */
const IDLE_MS = 2_000;

/**
 * One Parquet decode worker shared by a reader's reads: started by the first, kept while any runs
 * and for a moment after the last, so that reads back to back reuse its warmed-up decoder (a new
 * thread starts with baseline-compiled WebAssembly, several times slower for the first files).
 * An idle worker never keeps the process alive.
 */
export class DecodeWorkerLease {
  private worker: ParquetDecodeWorker | null = null;
  private users = 0;
  private idle: NodeJS.Timeout | null = null;

  /** The worker, or null where no thread can be started (the caller then decodes in process). */
  acquire(): ParquetDecodeWorker | null {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (!this.worker || this.worker.broken) {
      void this.worker?.close();
      try {
        this.worker = new ParquetDecodeWorker();
      } catch {
        this.worker = null;
        return null;
      }
    }
    this.users += 1;
    return this.worker;
  }

  release(): void {
    this.users -= 1;
    if (this.users > 0) return;
    this.idle = setTimeout(() => {
      void this.worker?.close();
      this.worker = null;
      this.idle = null;
    }, IDLE_MS);
    this.idle.unref();
  }
}
