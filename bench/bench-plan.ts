import { RateSearchPolicy } from './driver/rate-search';
import { QuiesceOptions } from './system/quiesce';

/** Everything a run does, in one place; a few settings can be changed from the environment. */
export interface BenchPlan {
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
  /** Orders per account and step: under the gateway's 200 requests a minute per account, one of which primes the key. */
  readonly ordersPerAccount: number;
  /** The gateway's decision timeout (its default): a `pending_new` this late is a timeout. */
  readonly decisionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly symbols: readonly string[];
  readonly cash: string;
  /** `limits:set` for every bench account: the defaults would refuse a benchmark. */
  readonly limits: string;
  /** Steady rates of market orders for submit-to-fill through the paper exchange. */
  readonly fillRates: readonly number[];
  /** After a fill step, how long to wait for the last fills. */
  readonly fillDrainMs: number;
  /** Quote interval of the simulated market: the paper exchange's liquidity (up to 10 shares a side per quote). */
  readonly marketDataIntervalMs: number;
}

export function benchPlan(env: NodeJS.ProcessEnv = process.env): BenchPlan {
  const seconds = (name: string, fallback: number): number => number(env, name, fallback) * 1000;
  const searchSteps = number(env, 'BENCH_SEARCH_STEPS', 3);
  return {
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
