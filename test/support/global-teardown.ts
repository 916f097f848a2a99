import type { StartedDockerComposeEnvironment } from 'testcontainers';

/** Stops what the global setup started through testcontainers; native services stay up. */
export default async function globalTeardown(): Promise<void> {
  const environment = (globalThis as { __COMPOSE__?: StartedDockerComposeEnvironment }).__COMPOSE__;
  await environment?.down();
}
