import { z } from 'zod';

const emptyAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);

const hostPortList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'expected host:port'))
      .min(1, 'expected at least one host:port'),
  );

const port = z.coerce.number().int().min(1).max(65_535);
const positiveInt = z.coerce.number().int().min(1);
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/**
 * Every setting the services read, with its default for a local run. Values come from the
 * environment (and an optional `.env`); a missing or malformed one stops start-up with a message
 * that names it.
 */
export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  SERVICE_NAME: z.string().min(1).default('trading-backend'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),

  KAFKA_BROKERS: hostPortList.default(['127.0.0.1:9092']),
  KAFKA_LOG_LEVEL: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
  KAFKA_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]+$/).default('trading-backend'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
  KAFKA_REPLICATION_FACTOR: positiveInt.default(1),
  KAFKA_ACCOUNT_PARTITIONS: positiveInt.max(1000).default(6),

  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' })
    .default('postgres://postgres@127.0.0.1:5432/trading'),
  DATABASE_POOL_SIZE: positiveInt.max(500).default(10),

  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'expected a redis:// URL' })
    .default('redis://127.0.0.1:6379'),

  AWS_REGION: z.string().min(1).default('us-east-1'),
  DYNAMODB_ENDPOINT: httpUrl.default('http://127.0.0.1:8000'),
  DYNAMODB_TABLE_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),

  S3_ENDPOINT: httpUrl.default('http://127.0.0.1:9000'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .default('trading-audit'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('trading'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).default('trading-secret-key'),
  GATEWAY_DECISION_TIMEOUT_MS: positiveInt.max(60_000).default(2000),
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout (60 s at AWS). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt.max(3_600_000).default(75_000),
  GATEWAY_RATE_LIMIT_PER_MINUTE: positiveInt.max(1_000_000).default(200),
  /** Order requests (POST, PATCH) one gateway process answers at once; beyond, 503 with Retry-After. 0: no limit. */
  GATEWAY_MAX_ORDER_REQUESTS_IN_PROGRESS: z.coerce.number().int().min(0).max(1_000_000).default(256),
  /** How long a read presenting X-Consistency-Token waits for the read models to catch up. */
  GATEWAY_CONSISTENCY_TIMEOUT_MS: positiveInt.max(60_000).default(2000),

  /** The all-in-one's background thread (projectors, archiver) runs this many nice steps below its main thread. */
  ALL_IN_ONE_BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(10),

  MARKET_DATA_INTERVAL_MS: positiveInt.min(10).max(3_600_000).default(1000),
  MARKET_DATA_SEED: z.coerce.number().int().default(1),

  PAPER_SEED: z.coerce.number().int().default(1),
  PAPER_REJECT_RATE: z.coerce.number().min(0).max(1).default(0),
  PAPER_LATENCY_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  /** UTC `HH:MM` when the paper venue expires DAY orders; unset: they expire only on request. */
  PAPER_SESSION_CLOSE_UTC: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)')
    .optional(),

  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

/** The same schema, reading an empty variable as unset (shells and CI often export `VAR=`). */
export const appConfigFromEnvSchema = z.preprocess(
  (env) =>
    typeof env === 'object' && env !== null
      ? Object.fromEntries(Object.entries(env).map(([key, value]) => [key, emptyAsUnset(value)]))
      : env,
  appConfigSchema,
);

export type AppConfig = Readonly<z.output<typeof appConfigSchema>>;
export type AppConfigKey = keyof AppConfig;
export const APP_CONFIG_KEYS = appConfigSchema.keyof().options as readonly AppConfigKey[];
