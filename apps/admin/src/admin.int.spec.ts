import { Controller, DynamicModule, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { AccountId, AlpacaExceptionFilter, GatewayEdgeModule, UseGatewayEdge } from '@trading/gateway';
import { postgresDataSourceOptions } from '@trading/persistence';
import { RedisModule } from '@trading/redis';
import { eventually, testConfig, uniqueName } from '@trading/testing';
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..');
/**
 * Built exactly as `npm run build` builds (tsc, then tsc-alias, same tsconfig), into an output of
 * this run's own under dist/: a build started meanwhile by anyone else sharing the checkout
 * rewrites dist/apps and would pull the files from under the running CLI.
 */
const OUT = join(ROOT, 'dist', `.${uniqueName('it-admin-build')}`);
const ENTRY = join(OUT, 'apps', 'admin', 'src', 'main.js');

async function build(): Promise<void> {
  const outDir = relative(ROOT, OUT);
  for (const tool of ['tsc', 'tsc-alias']) {
    try {
      await promisify(execFile)('npx', [tool, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`the build failed (${tool}):\n${stdout ?? ''}${stderr ?? ''}`);
    }
  }
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a real process; it has to exit by itself, promptly. */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const hang = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`admin ${args.join(' ')} did not exit within 20 s; output: ${stdout}${stderr}`));
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(hang);
      resolve({ code, stdout, stderr });
    });
  });
}

@Controller('v2/test')
@UseGatewayEdge()
class WhoAmIController {
  @Get('whoami')
  whoami(@AccountId() accountId: string): { account_id: string } {
    return { account_id: accountId };
  }
}

@Module({})
class ConfigProvider {
  static of(config: AppConfig): DynamicModule {
    return { module: ConfigProvider, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

describe('admin CLI (built, run as a process, against the real PostgreSQL)', () => {
  const database = uniqueName('it_admin').replace(/-/g, '_');
  const serverUrl = testConfig().DATABASE_URL;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const env = { DATABASE_URL: databaseUrl };
  let pg: Client;
  let app: INestApplication | undefined;
  let url: string;

  beforeAll(async () => {
    pg = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
    await pg.connect();
    await pg.query(`CREATE DATABASE ${database}`);
    await build();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await pg?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await pg?.end();
    await rm(OUT, { recursive: true, force: true });
  });

  /** The gateway, started after the CLI has migrated the database. */
  async function gateway(): Promise<string> {
    if (app !== undefined) return url;
    const config = testConfig({ DATABASE_URL: databaseUrl });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigProvider.of(config),
        TypeOrmModule.forRoot(postgresDataSourceOptions({ url: databaseUrl, poolSize: 2 })),
        RedisModule,
        // A short cache, so a revocation by another process shows within a second.
        GatewayEdgeModule.forRoot({ redisKeyPrefix: `${uniqueName('it-admin')}:`, apiKeys: { cache: { ttlMs: 1_000 } } }),
      ],
      controllers: [WhoAmIController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false, forceCloseConnections: true });
    app.useGlobalFilters(app.get(AlpacaExceptionFilter));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    return url;
  }

  const whoami = async (keyId: string, secretKey: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${await gateway()}/v2/test/whoami`, {
      headers: { 'APCA-API-KEY-ID': keyId, 'APCA-API-SECRET-KEY': secretKey },
    });
    return { status: response.status, body: await response.json() };
  };

  it('account:create migrates the database, prints {accountId, keyId, secretKey}, and the key authenticates over HTTP', async () => {
    const run = await admin(['account:create', '--cash', '100000', '--json'], env);

    expect(run).toMatchObject({ code: 0 });
    const created = JSON.parse(run.stdout) as { accountId: string; keyId: string; secretKey: string };
    expect(Object.keys(created).sort()).toEqual(['accountId', 'keyId', 'secretKey']);
    expect(created.accountId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.keyId).toMatch(/^PK[A-Z0-9]{18}$/);
    expect(created.secretKey).toMatch(/^[A-Za-z0-9]{40}$/);
    await expect(whoami(created.keyId, created.secretKey)).resolves.toEqual({ status: 200, body: { account_id: created.accountId } });
  });

  it('key:create issues a second key for the account; key:revoke shuts out the first, for good', async () => {
    const first = JSON.parse((await admin(['account:create', '--cash', '2500.50', '--json'], env)).stdout) as { accountId: string; keyId: string; secretKey: string };
    const second = await admin(['key:create', '--account', first.accountId, '--json'], env);
    const issued = JSON.parse(second.stdout) as { accountId: string; keyId: string; secretKey: string };
    expect((await whoami(first.keyId, first.secretKey)).status).toBe(200);

    const revoked = await admin(['key:revoke', '--key', first.keyId, '--json'], env);
    const again = await admin(['key:revoke', '--key', first.keyId], env);

    expect(second.code).toBe(0);
    expect(issued.accountId).toBe(first.accountId);
    expect(issued.keyId).not.toBe(first.keyId);
    expect(revoked).toMatchObject({ code: 0 });
    expect(JSON.parse(revoked.stdout)).toEqual({ keyId: first.keyId, status: 'revoked' });
    expect(again).toMatchObject({ code: 0, stdout: `API key ${first.keyId} was already revoked\n` });
    await eventually(async () => expect((await whoami(first.keyId, first.secretKey)).status).toBe(401));
    await expect(whoami(issued.keyId, issued.secretKey)).resolves.toEqual({ status: 200, body: { account_id: first.accountId } });
  });

  it('prints text for a person without --json', async () => {
    const run = await admin(['account:create', '--cash', '0'], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^account \S+ created with cash 0\nAPCA-API-KEY-ID: +PK[A-Z0-9]{18}\nAPCA-API-SECRET-KEY: +[A-Za-z0-9]{40}\n/);
  });

  it.each([
    [['account:create', '--cash', '1.234', '--json'], /--cash must be a non-negative decimal amount with at most 2 decimals/],
    [['account:create'], /--cash <amount> is required/],
    [['account:open', '--cash', '1'], /unknown command "account:open"/],
    [[], /no command given/],
    [['key:revoke', '--key', 'nope'], /--key must be an API key id/],
  ])('exits 2 with a clear message and the usage for %p', async (args, message) => {
    const run = await admin(args, env);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: admin <command> [options]');
  });

  it('exits 1 naming the problem when the key does not exist or the database does not answer', async () => {
    const unknown = await admin(['key:revoke', '--key', 'PKDOESNOTEXIST000000'], env);
    const noDatabase = await admin(['account:create', '--cash', '1'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });

    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'admin: no API key PKDOESNOTEXIST000000\n' });
    expect(noDatabase).toMatchObject({ code: 1, stdout: '' });
    expect(noDatabase.stderr).toMatch(/ECONNREFUSED/);
  });
});
