import { AccountProvisioner } from '../accounts/account-provisioner';
import { BenchAccount } from '../accounts/bench-account';
import { BenchPlan } from '../bench-plan';
import { runOpenLoop } from '../driver/open-loop-driver';
import { measuredStep, StepResult } from '../driver/step-result';
import { log } from '../support/log';
import { AllInOneProcess } from '../system/all-in-one.process';
import { AckStagesRecorder } from './ack-stages.recorder';
import { midOf, OrderGenerator } from './order-generator';
import { OrderClient } from './order-client';

/**
 * Order acknowledgement steps against the all-in-one process. Each step opens fresh accounts,
 * enough that none sends more than `ordersPerAccount` (the gateway allows 200 requests per
 * account a minute and cannot be configured from outside), and touches each key once first, so
 * the gateway's scrypt verification (cached 30 s) happens before the step and not in it.
 */
export class OrderSteps {
  private sequence = 0;

  constructor(
    private readonly system: AllInOneProcess,
    private readonly provisioner: AccountProvisioner,
    private readonly plan: BenchPlan,
    private readonly runId: string,
    private readonly stages?: AckStagesRecorder,
  ) {}

  async run(rate: number, phase: StepResult['phase'], warmupMs: number, measureMs: number): Promise<StepResult> {
    const orders = Math.round((rate * (warmupMs + measureMs)) / 1000);
    const count = Math.ceil(orders / this.plan.ordersPerAccount);
    const opened = Date.now();
    const accounts = await this.provisioner.open(count);
    const mids = new Map<string, number>();
    for (const symbol of this.plan.symbols) mids.set(symbol, midOf(await this.system.quote(symbol)));
    const generator = new OrderGenerator(this.runId, mids);
    const client = new OrderClient({ baseUrl: this.system.baseUrl, decisionTimeoutMs: this.plan.decisionTimeoutMs, requestTimeoutMs: this.plan.requestTimeoutMs });
    try {
      await prime(client, accounts);
      await client.warm(accounts[0] as BenchAccount, Math.ceil(rate * WARM_CONNECTIONS_PER_ORDER_PER_S));
      const warmed = client.connectionsOpened();
      await this.stages?.take();
      log(`orders ${rate}/s: ${count} accounts ready in ${((Date.now() - opened) / 1000).toFixed(1)} s, sending ${orders} orders`);
      const result = await measuredStep(phase, this.system.pid, this.plan.sustainedFraction, () =>
        runOpenLoop({
          rate,
          warmupMs,
          measureMs,
          drainTimeoutMs: this.plan.requestTimeoutMs + 1_000,
          collapseInFlight: Math.max(100, rate * this.plan.collapseBacklogS),
          send: (index) => {
            const account = accounts[index % accounts.length] as BenchAccount;
            const body = generator.body(this.sequence);
            this.sequence += 1;
            const answered = this.stages?.sending(body.client_order_id ?? '');
            return client.place(account, body).finally(() => answered?.());
          },
        }),
      );
      const connectionsOpened = client.connectionsOpened() - warmed;
      return { ...result, accounts: count, connectionsOpened, ...(this.stages ? { ackStages: await this.stages.take() } : {}) };
    } finally {
      client.close();
    }
  }
}

/** Connections opened before a step per order/s offered: enough for answers taking half a second. */
const WARM_CONNECTIONS_PER_ORDER_PER_S = 0.5;

async function prime(client: OrderClient, accounts: readonly BenchAccount[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < accounts.length) {
        const account = accounts[next] as BenchAccount;
        next += 1;
        await client.touch(account);
      }
    }),
  );
}
