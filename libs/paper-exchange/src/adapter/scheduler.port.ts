export type CancelTask = () => void;

/** Delays and repeats enter the adapter through this port, so unit tests need no real time. */
export interface Scheduler {
  after(delayMs: number, task: () => void): CancelTask;
  every(intervalMs: number, task: () => void): CancelTask;
}
