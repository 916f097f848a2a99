import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { KAFKA } from '@trading/messaging';
import { ReadinessProbes, ReadinessReport } from '@trading/observability';
import { DYNAMODB, S3 } from '@trading/persistence';
import { REDIS } from '@trading/redis';
import Redis from 'ioredis';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  Probe,
  probeDynamoDb,
  probeKafka,
  probePostgres,
  probeRedis,
  probeS3,
} from './dependency-probes';

export interface DependencyStatus {
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly dependencies: Readonly<Record<string, DependencyStatus>>;
  /** What the modules registered (the OMS and execution: every owned partition's state rebuilt; projectors: stores). */
  readonly checks: ReadinessReport['checks'];
}

const PROBE_TIMEOUT_MS = 2000;

/** The services a process's readiness depends on; each is probed with its client. */
export type HealthDependency = 'kafka' | 'postgres' | 'redis' | 'dynamodb' | 's3';

export const HEALTH_DEPENDENCIES = Symbol('HEALTH_DEPENDENCIES');

@Injectable()
export class HealthService {
  private readonly probes: Readonly<Record<string, Probe>>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(HEALTH_DEPENDENCIES) dependencies: readonly HealthDependency[],
    @Optional() @Inject(KAFKA) kafka?: Kafka,
    @Optional() dataSource?: DataSource,
    @Optional() @Inject(REDIS) redis?: Redis,
    @Optional() @Inject(DYNAMODB) dynamodb?: DynamoDBClient,
    @Optional() @Inject(S3) s3?: S3Client,
    @Optional() private readonly readiness?: ReadinessProbes,
  ) {
    const probeOf: Readonly<Record<HealthDependency, () => Probe | null>> = {
      kafka: () => (kafka ? probeKafka(kafka) : null),
      postgres: () => (dataSource ? probePostgres(dataSource) : null),
      redis: () => (redis ? probeRedis(redis) : null),
      dynamodb: () => (dynamodb ? probeDynamoDb(dynamodb) : null),
      s3: () => (s3 ? probeS3(s3, config.S3_BUCKET) : null),
    };
    this.probes = Object.fromEntries(
      dependencies.map((dependency) => {
        const probe = probeOf[dependency]();
        // a wiring mistake, found at start-up rather than as a probe that never runs
        if (!probe) throw new Error(`health: ${dependency} is a dependency, but no ${dependency} client is provided in this process`);
        return [dependency, probe];
      }),
    );
  }

  async check(): Promise<HealthReport> {
    const entries = await Promise.all(
      Object.entries(this.probes).map(async ([name, probe]) => [name, await run(probe)] as const),
    );
    const dependencies = Object.fromEntries(entries);
    const modules = (await this.readiness?.check()) ?? { status: 'ok', checks: {} };
    const allUp = entries.every(([, result]) => result.status === 'up') && modules.status === 'ok';
    return { status: allUp ? 'ok' : 'degraded', dependencies, checks: modules.checks };
  }
}

async function run(probe: Probe): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message || (error as Error).name,
    };
  } finally {
    clearTimeout(timer);
  }
}
