import { log } from '../support/log';

/**
 * What the run started, undone in reverse order: on success, on failure and on Ctrl-C / SIGTERM.
 * Each step runs even if an earlier one failed; a second signal exits at once.
 */
export class CleanupStack {
  private readonly steps: { readonly label: string; readonly undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  push(label: string, undo: () => Promise<void>): void {
    this.steps.push({ label, undo });
  }

  run(): Promise<void> {
    this.running ??= this.unwind();
    return this.running;
  }

  /** Ctrl-C and SIGTERM clean up, then exit 130 / 143. */
  exitOnSignals(): void {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals, code: number): void => {
      if (signalled) process.exit(code);
      signalled = true;
      log(`${signal}: stopping what the bench started (again to exit at once)`);
      void this.run().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => onSignal('SIGINT', 130));
    process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  }

  private async unwind(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (step === undefined) break;
      try {
        await step.undo();
      } catch (error) {
        log(`cleanup "${step.label}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
