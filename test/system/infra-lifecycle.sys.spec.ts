import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '@trading/persistence';
import { testConfig } from '@trading/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/service-process';

/** The native infrastructure scripts, as an operator uses them (`npm run infra:*`). */
describe('infra scripts', () => {
  const config = testConfig();

  const infra = (...args: string[]) => {
    const run = spawnSync('bash', [join(REPO_ROOT, 'infra/local/infra.sh'), ...args], { encoding: 'utf8', timeout: 300_000 });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  };
  // from status rather than the pid file: the services may have been started from another checkout
  const pidOf = (service: string) => Number(/ pid (\d+)/.exec(infra('status', service).output)?.[1] ?? NaN);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('brings back a service that was killed', async () => {
    const victim = pidOf('dynamodb');
    expect(victim).toBeGreaterThan(0);
    process.kill(victim, 'SIGKILL');
    while (alive(victim)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(infra('status', 'dynamodb').code).toBe(1);

    const up = infra('up');

    expect(up.code).toBe(0);
    expect(up.output).toMatch(/dynamodb/);
    expect(pidOf('dynamodb')).not.toBe(victim);
    const client = createDynamoDbClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
    await expect(client.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
    client.destroy();
  });

  it('goes down and up twice in a row, every service answering after each up', () => {
    for (const round of [1, 2]) {
      const down = infra('down');
      expect({ round, code: down.code }).toEqual({ round, code: 0 });
      expect(infra('status', 'kafka', 'dynamodb', 's3').code).toBe(1);

      const up = infra('up');
      expect({ round, code: up.code, output: up.output }).toEqual({ round, code: 0, output: expect.stringMatching(/all up/) as unknown });
      expect(infra('status').code).toBe(0);
    }
  });

  it('refuses an unknown command or service with usage and a non-zero exit', () => {
    expect(infra('restart')).toEqual({ code: 2, output: expect.stringMatching(/usage/) as unknown });
    expect(infra('up', 'mongodb')).toEqual({ code: 2, output: expect.stringMatching(/unknown service: mongodb/) as unknown });
  });
});
