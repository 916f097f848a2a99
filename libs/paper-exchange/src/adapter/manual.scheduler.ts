import { CancelTask, Scheduler } from './scheduler.port';

interface Task {
  due: number;
  readonly seq: number;
  readonly run: () => void;
  readonly intervalMs: number | null;
}

/** Time that moves only when told (`advance`): tasks run in due order, ties in scheduling order. */
export class ManualScheduler implements Scheduler {
  private readonly tasks: Task[] = [];
  private now = 0;
  private scheduled = 0;

  after(delayMs: number, task: () => void): CancelTask {
    return this.add(delayMs, task, null);
  }

  every(intervalMs: number, task: () => void): CancelTask {
    return this.add(intervalMs, task, intervalMs);
  }

  /** Moves time forward by `ms`, running every task that falls due on the way. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.now = next.due;
      if (next.intervalMs === null) this.tasks.splice(this.tasks.indexOf(next), 1);
      else next.due += next.intervalMs;
      next.run();
    }
    this.now = until;
  }

  pending(): number {
    return this.tasks.length;
  }

  private add(delayMs: number, run: () => void, intervalMs: number | null): CancelTask {
    const task: Task = { due: this.now + delayMs, seq: ++this.scheduled, run, intervalMs };
    this.tasks.push(task);
    return () => {
      const at = this.tasks.indexOf(task);
      if (at !== -1) this.tasks.splice(at, 1);
    };
  }

  private nextDue(until: number): Task | undefined {
    return this.tasks
      .filter((task) => task.due <= until)
      .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
  }
}
