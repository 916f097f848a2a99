import { BenchPlan } from '../bench-plan';
import { runOpenLoop } from '../driver/open-loop-driver';
import { measuredStep, StepResult } from '../driver/step-result';
import { log } from '../support/log';
import { KafkaTwoHopBaseline } from './kafka-two-hop.baseline';

/** Steps of the bare two-hop baseline, measured like the order steps. */
export class BaselineSteps {
  constructor(
    private readonly baseline: KafkaTwoHopBaseline,
    private readonly plan: BenchPlan,
  ) {}

  async run(rate: number, phase: StepResult['phase'], warmupMs: number, measureMs: number): Promise<StepResult> {
    log(`baseline ${rate}/s: sending ${Math.round((rate * (warmupMs + measureMs)) / 1000)} round trips`);
    return measuredStep(phase, this.baseline.responderPid, this.plan.sustainedFraction, () =>
      runOpenLoop({
        rate,
        warmupMs,
        measureMs,
        drainTimeoutMs: this.plan.requestTimeoutMs + 1_000,
        collapseInFlight: Math.max(100, rate * this.plan.collapseBacklogS),
        send: (index) => this.baseline.roundTrip(index),
      }),
    );
  }
}
