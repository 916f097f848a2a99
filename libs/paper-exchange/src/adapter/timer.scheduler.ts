import { CancelTask, Scheduler } from './scheduler.port';

/** Node timers; they never keep the process alive on their own. */
export class TimerScheduler implements Scheduler {
  after(delayMs: number, task: () => void): CancelTask {
    const timer = setTimeout(task, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  }

  every(intervalMs: number, task: () => void): CancelTask {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
