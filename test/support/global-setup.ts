import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker-engine';

const root = join(__dirname, '..', '..');

/**
 * Integration and system tests talk to the real services. With a Docker engine they come from
 * docker-compose.yml through testcontainers; without one, the project's own scripts start them
 * natively. Either way a service that does not come up fails the run: nothing is faked.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TRADING_INFRA !== 'native' && (await dockerEngineAnswers())) {
    const { DockerComposeEnvironment } = await import('testcontainers');
    const environment = await new DockerComposeEnvironment(root, 'docker-compose.yml').up();
    (globalThis as { __COMPOSE__?: unknown }).__COMPOSE__ = environment;
    return;
  }
  execFileSync('bash', [join(root, 'infra/local/infra.sh'), 'up'], { stdio: 'inherit' });
}
