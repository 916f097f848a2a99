import { SingleBar } from 'cli-progress';

/** A progress bar on stderr while records are read; silent when disabled or stderr is not a terminal. */
export class ProgressReporter {
  private bar: SingleBar | null = null;

  constructor(
    private readonly label: string,
    private readonly enabled: boolean,
  ) {}

  readonly update = (done: number, total: number): void => {
    if (!this.enabled) return;
    if (!this.bar) {
      this.bar = new SingleBar({ format: `${this.label} [{bar}] {percentage}% | {value}/{total} records | {eta}s left`, stream: process.stderr, etaBuffer: 50, noTTYOutput: false });
      this.bar.start(total, done);
    }
    this.bar.setTotal(total);
    this.bar.update(done);
  };

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
