import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker-engine';

const root = join(__dirname, '..', '..');

export type InfraMode = 'native' | 'docker';

/**
 * Where the real services come from: the project's own scripts (`native`, needs Java), or
 * docker-compose.yml through testcontainers (`docker`, needs a Docker engine that answers).
 * TRADING_INFRA chooses; unset, native wins when Java is on the PATH.
 */
export async function infraMode(): Promise<InfraMode> {
  const chosen = process.env.TRADING_INFRA;
  if (chosen === 'native' || chosen === 'docker') return chosen;
  if (chosen !== undefined && chosen !== '') throw new Error(`TRADING_INFRA must be native or docker, not ${chosen}`);
  const javaAnswers = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  return !javaAnswers && (await dockerEngineAnswers()) ? 'docker' : 'native';
}

/**
 * Integration and system tests talk to the real services, started here when they are down.
 * A service that does not come up fails the run: nothing is faked.
 */
export default async function globalSetup(): Promise<void> {
  if ((await infraMode()) === 'docker') {
    const { DockerComposeEnvironment } = await import('testcontainers');
    const environment = await new DockerComposeEnvironment(root, 'docker-compose.yml').up();
    (globalThis as { __COMPOSE__?: unknown }).__COMPOSE__ = environment;
    return;
  }
  execFileSync('bash', [join(root, 'infra/local/infra.sh'), 'up'], { stdio: 'inherit' });
}
