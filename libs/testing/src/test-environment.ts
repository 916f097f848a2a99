import { AppConfig, loadAppConfig } from '@trading/config';
import { randomBytes } from 'node:crypto';

/** The configuration tests run with: the same defaults and variables as the services. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadAppConfig({ ...process.env, NODE_ENV: 'test', ...overrides });
}

/** A name no other test run uses, so runs can share one Kafka, database server and bucket. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
