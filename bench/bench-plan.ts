import { ArchivePlan } from './archive/archive-steps';
import { RateSearchPolicy } from './driver/rate-search';
import { SseCapacityPlan } from './sse/sse-capacity-steps';
import { QuiesceOptions } from './system/quiesce';

/** Everything a run does, in one place; a few settings can be changed from the environment. */
/** The phases of a run, in the order they run; `BENCH_PHASES` picks a subset. */
export const BENCH_PHASES = ['orders', 'read-side', 'sse', 'archive'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

export interface BenchPlan {
  /** Phases to run (default all); a phase left out is reported as not run, never as a failure. */
  readonly phases: ReadonlySet<BenchPhase>;
  /** Steady open-loop rates, each measured for the baseline and then for orders. */
  readonly rates: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Before the first step, both pipelines run this rate for `warmupMs`, unmeasured. */
  readonly warmupRate: number;
  /** Extra steps of the max-sustained search are shorter. */
  readonly searchWarmupMs: number;
  readonly searchMeasureMs: number;
  readonly orderSearch: RateSearchPolicy;
  readonly baselineSearch: RateSearchPolicy;
  /** A step stops sending once this many seconds of its traffic are unanswered at once (collapse). */
  readonly collapseBacklogS: number;
  /** Before each step, wait until the all-in-one and the responder are idle (a backlog drained). */
  readonly quiesce: QuiesceOptions;
  /** A step is sustained when answers served in its window reach this fraction of the offered rate (and nothing failed). */
  readonly sustainedFraction: number;
  readonly targets: { readonly p99Ms: number; readonly atRate: number; readonly baselineRatio: number };
  /** KAFKA_ACCOUNT_PARTITIONS of the system, and of the baseline's topics. */
  readonly partitions: number;
  /** Orders per account and step (the gateway's default limit is 200 requests a minute per account; the run raises it, but keeps spreading orders like this). */
  readonly ordersPerAccount: number;
  /** The gateway's decision timeout (its default): a `pending_new` this late is a timeout. */
  readonly decisionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly symbols: readonly string[];
  readonly cash: string;
  /** `limits:set` for every bench account: the defaults would refuse a benchmark. */
  readonly limits: string;
  /**
   * Steady rates of market orders for the read-side steps: submit-to-fill through the paper
   * exchange, projection lag to PostgreSQL and DynamoDB, and POST -> `fill` over SSE.
   */
  readonly fillRates: readonly number[];
  /** After a read-side step, how long to wait for the last fills, deliveries and projections. */
  readonly fillDrainMs: number;
  /** How often the read-side steps poll the read models' progress (the lag's resolution). */
  readonly projectionPollMs: { readonly postgres: number; readonly dynamodb: number };
  readonly sse: SseCapacityPlan;
  readonly archive: ArchivePlan;
  /** GATEWAY_RATE_LIMIT_PER_MINUTE of the system: every SSE connection is one request of its account. */
  readonly gatewayRateLimitPerMinute: number;
  /** Quote interval of the simulated market: the paper exchange's liquidity (up to 10 shares a side per quote). */
  readonly marketDataIntervalMs: number;
}

export function benchPlan(env: NodeJS.ProcessEnv = process.env): BenchPlan {
  const seconds = (name: string, fallback: number): number => number(env, name, fallback) * 1000;
  const searchSteps = number(env, 'BENCH_SEARCH_STEPS', 3);
  return {
    phases: phaseSet(env),
    rates: list(env, 'BENCH_RATES', [100, 250, 500, 1000]),
    warmupMs: seconds('BENCH_WARMUP_S', 3),
    measureMs: seconds('BENCH_MEASURE_S', 10),
    warmupRate: 100,
    searchWarmupMs: seconds('BENCH_SEARCH_WARMUP_S', 2),
    searchMeasureMs: seconds('BENCH_SEARCH_MEASURE_S', 8),
    orderSearch: { maxExtraSteps: searchSteps, ceiling: 4000, growth: 2, resolution: 0.15 },
    baselineSearch: { maxExtraSteps: searchSteps, ceiling: 8000, growth: 2, resolution: 0.15 },
    sustainedFraction: 0.95,
    collapseBacklogS: 3,
    quiesce: { cpuBelowPct: 15, windowMs: 1000, timeoutMs: 45_000 },
    targets: { p99Ms: 50, atRate: 1000, baselineRatio: 3 },
    partitions: Math.max(1, Math.round(number(env, 'BENCH_PARTITIONS', 6))),
    ordersPerAccount: 180,
    decisionTimeoutMs: 2000,
    requestTimeoutMs: 10_000,
    symbols: ['AAPL', 'MSFT', 'SPY', 'QQQ', 'NVDA'],
    cash: '1000000000',
    limits: 'maxOrdersPerWindow=1000000,maxOpenOrders=1000000,duplicateOrderWindowMs=0',
    fillRates: list(env, 'BENCH_FILL_RATES', [50, 100, 200]),
    fillDrainMs: 15_000,
    projectionPollMs: { postgres: 10, dynamodb: 20 },
    sse: {
      levels: list(env, 'BENCH_SSE_LEVELS', [1000, 5000, 10_000]).map(Math.round),
      accounts: Math.max(1, Math.round(number(env, 'BENCH_SSE_ACCOUNTS', 100))),
      hotAccounts: Math.min(Math.max(1, Math.round(number(env, 'BENCH_SSE_ACCOUNTS', 100))), Math.max(1, Math.round(number(env, 'BENCH_SSE_HOT_ACCOUNTS', 10)))),
      orderRate: Math.max(1, number(env, 'BENCH_SSE_ORDER_RATE', 20)),
      warmupMs: seconds('BENCH_SSE_WARMUP_S', 2),
      measureMs: seconds('BENCH_SSE_MEASURE_S', 10),
      p99TargetMs: 100,
      openConcurrency: 64,
      drainMs: 15_000,
    },
    archive: {
      burstEvents: Math.max(1, Math.round(number(env, 'BENCH_ARCHIVE_EVENTS', 100_000))),
      flushMs: 5_000,
      replayTargetEventsPerS: 100_000,
    },
    gatewayRateLimitPerMinute: 1_000_000,
    marketDataIntervalMs: 50,
  };
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function list(env: NodeJS.ProcessEnv, name: string, fallback: readonly number[]): readonly number[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`${name} must be a comma-separated list of positive rates, got "${raw}"`);
  return [...values].sort((a, b) => a - b);
}

function phaseSet(env: NodeJS.ProcessEnv): ReadonlySet<BenchPhase> {
  const raw = env.BENCH_PHASES;
  if (raw === undefined || raw.trim() === '') return new Set(BENCH_PHASES);
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_PHASES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_PHASES must be a comma-separated list of ${BENCH_PHASES.join(', ')}, got "${raw}"`);
  return new Set(names as BenchPhase[]);
}
