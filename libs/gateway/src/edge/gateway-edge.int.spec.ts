import {
  Body,
  Controller,
  Delete,
  DynamicModule,
  Get,
  HttpCode,
  INestApplication,
  Module,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@trading/config';
import { CodedError } from '@trading/domain';
import { postgresDataSourceOptions } from '@trading/persistence';
import { REDIS, RedisModule } from '@trading/redis';
import { testConfig, uniqueName } from '@trading/testing';
import Redis from 'ioredis';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ApiKeyService, IssuedApiKey } from './api-keys/api-key.service';
import * as secretHash from './api-keys/secret-hash';
import { AccountId } from './auth/account-id.decorator';
import { AlpacaExceptionFilter } from './errors/alpaca-exception.filter';
import { GatewayEdgeModule } from './gateway-edge.module';
import { GatewayEdgeModuleOptions, resolveGatewayEdgeOptions } from './gateway-edge.options';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import { UseGatewayEdge } from './use-gateway-edge.decorator';

class MaxNotionalError extends CodedError {
  readonly code = 'RISK.MAX_NOTIONAL';
}

/** A stand-in for the order controllers, behind the whole edge; it counts how often it ran. */
@Controller('v2/test')
@UseGatewayEdge()
class EchoController {
  calls = 0;
  slowGate: Promise<void> = Promise.resolve();

  @Get('whoami')
  whoami(@AccountId() accountId: string): { account_id: string } {
    return { account_id: accountId };
  }

  @Post('orders')
  create(@AccountId() accountId: string, @Body() body: unknown): Record<string, unknown> {
    this.calls += 1;
    return { id: `order-${this.calls}`, account_id: accountId, request: body, at: new Date().toISOString() };
  }

  @Post('slow')
  @HttpCode(200)
  async slow(): Promise<{ call: number }> {
    const call = (this.calls += 1);
    await this.slowGate;
    return { call };
  }

  @Post('refuse')
  refuse(): never {
    this.calls += 1;
    throw new MaxNotionalError('order notional 250000.00 exceeds the limit 100000.00', { notional: '250000.00', limit: '100000.00' });
  }

  @Post('crash')
  crash(): never {
    this.calls += 1;
    throw new Error('connection to postgres://trading:hunter2@10.0.0.5 lost');
  }

  @Delete('orders/:id')
  @HttpCode(204)
  cancel(): void {
    this.calls += 1;
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('order not found');
  }
}

@Module({})
class ProvidedModule {
  static global(token: symbol, value: unknown): DynamicModule {
    return { module: ProvidedModule, global: true, providers: [{ provide: token, useValue: value }], exports: [token] };
  }
}

interface EdgeApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly apiKeys: ApiKeyService;
  readonly echo: EchoController;
}

/** A real Nest app on a real port: PostgreSQL (migrated), Redis (real, or a given client), the edge. */
async function startEdgeApp(config: AppConfig, edge: GatewayEdgeModuleOptions, redis?: Redis): Promise<EdgeApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ProvidedModule.global(APP_CONFIG, config),
      TypeOrmModule.forRoot({ ...postgresDataSourceOptions({ url: config.DATABASE_URL, poolSize: 4 }), migrationsRun: true }),
      redis === undefined ? RedisModule : ProvidedModule.global(REDIS, redis),
      GatewayEdgeModule.forRoot(edge),
    ],
    controllers: [EchoController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false, forceCloseConnections: true });
  app.useGlobalFilters(app.get(AlpacaExceptionFilter));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), apiKeys: app.get(ApiKeyService), echo: app.get(EchoController) };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  options: { key?: IssuedApiKey; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) {
    headers['APCA-API-KEY-ID'] = options.key.keyId;
    headers['APCA-API-SECRET-KEY'] = options.key.secretKey;
  }
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const NOT_AUTHORIZED = { code: 40110000, message: 'request is not authorized', reason: 'AUTH.NOT_AUTHORIZED' };

/** The secret with its last character changed: a random secret may already end in the one put there. */
const wrongSecret = (secret: string): string => `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;

describe('REST gateway edge (real PostgreSQL and Redis, real HTTP)', () => {
  const database = uniqueName('it_gw').replace(/-/g, '_');
  const serverUrl = testConfig().DATABASE_URL;
  const config = testConfig({ DATABASE_URL: Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString() });
  const redisKeyPrefix = `${uniqueName('it-gw')}:`;
  const rateLimit = 10;
  let admin: Client;
  let edge: EdgeApp;
  let nextAccount = 0;

  const newAccountKey = (): Promise<IssuedApiKey> => edge.apiKeys.create(`it-account-${(nextAccount += 1)}`);

  beforeAll(async () => {
    admin = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    edge = await startEdgeApp(config, { redisKeyPrefix, rateLimit: { limit: rateLimit } });
  });

  afterAll(async () => {
    if (edge !== undefined) {
      // Idempotency records live a day: leave nothing behind on the shared Redis.
      const redis = edge.app.get<Redis>(REDIS);
      const keys = await redis.keys(`${redisKeyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await edge.app.close();
    }
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  describe('API keys', () => {
    it('stores only a salted scrypt hash of the secret, and verifies the pair', async () => {
      const key = await newAccountKey();
      const rows = await edge.app.get(DataSource).query<{ secret_hash: string; account_id: string }[]>(
        'SELECT secret_hash, account_id FROM api_keys WHERE key_id = $1',
        [key.keyId],
      );

      expect(key.keyId).toMatch(/^PK[A-Z0-9]{18}$/);
      expect(rows[0]?.account_id).toBe(key.accountId);
      expect(rows[0]?.secret_hash).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
      expect(rows[0]?.secret_hash).not.toContain(key.secretKey);
      await expect(edge.apiKeys.verify(key.keyId, key.secretKey)).resolves.toBe(key.accountId);
      await expect(edge.apiKeys.verify(key.keyId, wrongSecret(key.secretKey))).resolves.toBeNull();
    });

    it('verifies a burst of requests with a key it has not seen yet with one scrypt, and answers each', async () => {
      const key = await newAccountKey();
      const scrypts = jest.spyOn(secretHash, 'verifySecret');
      try {
        const answers = await Promise.all([
          ...Array.from({ length: 20 }, () => edge.apiKeys.verify(key.keyId, key.secretKey)),
          edge.apiKeys.verify(key.keyId, wrongSecret(key.secretKey)),
        ]);

        expect(answers).toEqual([...Array.from({ length: 20 }, () => key.accountId), null]);
        expect(scrypts).toHaveBeenCalledTimes(2);
      } finally {
        scrypts.mockRestore();
      }
    });

    it('revokes once, then says so; an unknown key is not found', async () => {
      const key = await newAccountKey();

      await expect(edge.apiKeys.revoke(key.keyId)).resolves.toBe('revoked');
      await expect(edge.apiKeys.revoke(key.keyId)).resolves.toBe('already-revoked');
      await expect(edge.apiKeys.revoke('PKDOESNOTEXIST000000')).resolves.toBe('not-found');
      await expect(edge.apiKeys.verify(key.keyId, key.secretKey)).resolves.toBeNull();
    });
    it('the table itself refuses a secret that is not a scrypt hash, and a malformed key id', async () => {
      const insert = (keyId: string, secretHash: string): Promise<unknown> =>
        edge.app.get(DataSource).query('INSERT INTO api_keys (key_id, account_id, secret_hash) VALUES ($1, $2, $3)', [keyId, 'acc-1', secretHash]);

      await expect(insert('PKPLAINTEXT000000000', 'plain-text-secret')).rejects.toThrow(/check constraint/);
      await expect(insert('pk-lower', '$scrypt$ln=14,r=8,p=1$c2FsdA$aGFzaA')).rejects.toThrow(/check constraint/);
    });
  });

  describe('authentication', () => {
    it('lets a valid key through with its account id', async () => {
      const key = await newAccountKey();

      const first = await call(edge.url, 'GET', '/v2/test/whoami', { key });
      const cached = await call(edge.url, 'GET', '/v2/test/whoami', { key });

      expect(first).toMatchObject({ status: 200, body: { account_id: key.accountId } });
      expect(cached).toMatchObject({ status: 200, body: { account_id: key.accountId } });
    });

    it('answers 401 in the same words whatever is wrong with the credentials', async () => {
      const key = await newAccountKey();
      const cases: { key?: IssuedApiKey; headers?: Record<string, string> }[] = [
        {},
        { headers: { 'APCA-API-KEY-ID': key.keyId } },
        { headers: { 'APCA-API-SECRET-KEY': key.secretKey } },
        { key: { ...key, secretKey: wrongSecret(key.secretKey) } },
        { key: { ...key, keyId: 'PKUNKNOWN00000000000' } },
        { key: { ...key, keyId: 'not a key id' } },
        { key: { ...key, secretKey: 'x'.repeat(10_000) } },
      ];

      for (const attempt of cases) {
        const answer = await call(edge.url, 'GET', '/v2/test/whoami', attempt);
        expect(answer).toMatchObject({ status: 401 });
        expect(answer.body).toEqual(NOT_AUTHORIZED);
      }
    });

    it('refuses a key from the moment it is revoked', async () => {
      const key = await newAccountKey();
      expect((await call(edge.url, 'GET', '/v2/test/whoami', { key })).status).toBe(200);

      await edge.apiKeys.revoke(key.keyId);

      const answer = await call(edge.url, 'GET', '/v2/test/whoami', { key });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(NOT_AUTHORIZED);
    });
  });

  describe('rate limit', () => {
    it(`lets ${rateLimit} requests of an account through a window, then answers 429 with Retry-After; other accounts are unaffected`, async () => {
      const busy = await newAccountKey();
      const other = await newAccountKey();

      const remaining: (string | null)[] = [];
      for (let i = 0; i < rateLimit; i += 1) {
        const answer = await call(edge.url, 'GET', '/v2/test/whoami', { key: busy });
        expect(answer.status).toBe(200);
        remaining.push(answer.headers.get('x-ratelimit-remaining'));
      }
      const refused = await call(edge.url, 'GET', '/v2/test/whoami', { key: busy });
      const unaffected = await call(edge.url, 'GET', '/v2/test/whoami', { key: other });

      expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ code: 42910000, message: 'rate limit exceeded', reason: 'RATE_LIMIT.EXCEEDED', details: { retry_after: expect.any(Number) as number } });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('x-ratelimit-limit')).toBe(String(rateLimit));
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(refused.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
      expect(unaffected.status).toBe(200);
      expect(unaffected.headers.get('x-ratelimit-remaining')).toBe(String(rateLimit - 1));
    });

    it('counts atomically under concurrency and opens a new window when the old one ends', async () => {
      const redis = edge.app.get<Redis>(REDIS);
      const limiter = new RedisRateLimiter(
        redis,
        resolveGatewayEdgeOptions({ redisKeyPrefix, rateLimit: { limit: 20, windowMs: 1_500 } }),
      );

      const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('it-concurrent')));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(20);

      await new Promise((resolve) => setTimeout(resolve, 1_600));
      await expect(limiter.consume('it-concurrent')).resolves.toMatchObject({ allowed: true, remaining: 19 });
    });

    it('given two gateways sharing Redis, when an account sends past its limit through both, then no more than the limit passes, and most requests spend a leased unit without a round trip', async () => {
      const redis = edge.app.get<Redis>(REDIS);
      const options = resolveGatewayEdgeOptions({ redisKeyPrefix, rateLimit: { limit: 100, leaseFraction: 0.1 } });
      const gateways = [new RedisRateLimiter(redis, options), new RedisRateLimiter(redis, options)];
      const roundTrips = jest.spyOn(redis, 'evalsha');

      const decisions = [];
      for (let n = 0; n < 160; n += 1) decisions.push(await (gateways[n % 2] as RedisRateLimiter).consume('it-leased'));
      const trips = roundTrips.mock.calls.length;
      roundTrips.mockRestore();

      const allowed = decisions.filter((d) => d.allowed).length;
      expect(allowed).toBeLessThanOrEqual(100);
      // each gateway claims at most 10 at once: the other may hold 10 unspent when the window is used up
      expect(allowed).toBeGreaterThanOrEqual(90);
      expect(Number(await redis.get(`${redisKeyPrefix}rl:it-leased`))).toBeLessThanOrEqual(100);
      expect(trips).toBeLessThan(40);
      expect(decisions.at(-1)).toMatchObject({ allowed: false, remaining: 0 });
    });
  });

  describe('Idempotency-Key', () => {
    const order = { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' };

    it('replays the first response to a retry, identical, without running the handler again', async () => {
      const key = await newAccountKey();
      const before = edge.echo.calls;
      const headers = { 'Idempotency-Key': 'retry-me-1' };

      const first = await call(edge.url, 'POST', '/v2/test/orders', { key, body: order, headers });
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(order).reverse()));
      const retry = await call(edge.url, 'POST', '/v2/test/orders', { key, rawBody: reordered, headers });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(edge.echo.calls - before).toBe(1);
    });

    it('refuses the same key with a different body with 422, and runs nothing', async () => {
      const key = await newAccountKey();
      const headers = { 'Idempotency-Key': 'reused-1' };
      await call(edge.url, 'POST', '/v2/test/orders', { key, body: order, headers });
      const before = edge.echo.calls;

      const reused = await call(edge.url, 'POST', '/v2/test/orders', { key, body: { ...order, qty: '2' }, headers });

      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 42210000, reason: 'IDEMPOTENCY.KEY_REUSED' });
      expect(edge.echo.calls).toBe(before);
    });

    it('answers 409 to a duplicate while the first is still in flight, then replays it', async () => {
      const key = await newAccountKey();
      const headers = { 'Idempotency-Key': 'in-flight-1' };
      let open!: () => void;
      edge.echo.slowGate = new Promise((resolve) => (open = resolve));
      const before = edge.echo.calls;

      const first = call(edge.url, 'POST', '/v2/test/slow', { key, body: order, headers });
      await eventuallyTrue(() => edge.echo.calls > before);
      const duplicate = await call(edge.url, 'POST', '/v2/test/slow', { key, body: order, headers });
      open();
      const settled = await first;
      const after = await call(edge.url, 'POST', '/v2/test/slow', { key, body: order, headers });

      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 40910000, reason: 'IDEMPOTENCY.IN_FLIGHT' });
      expect(settled).toMatchObject({ status: 200, body: { call: before + 1 } });
      expect(after).toMatchObject({ status: 200, body: { call: before + 1 } });
      expect(edge.echo.calls - before).toBe(1);
    });

    it('keeps keys per account: another account with the same key runs its own request', async () => {
      const [alice, bob] = [await newAccountKey(), await newAccountKey()];
      const headers = { 'Idempotency-Key': 'shared-name' };
      const before = edge.echo.calls;

      const a = await call(edge.url, 'POST', '/v2/test/orders', { key: alice, body: order, headers });
      const b = await call(edge.url, 'POST', '/v2/test/orders', { key: bob, body: order, headers });

      expect(a.body).toMatchObject({ account_id: alice.accountId });
      expect(b.body).toMatchObject({ account_id: bob.accountId });
      expect(edge.echo.calls - before).toBe(2);
    });

    it('replays a refusal (4xx) too, but frees the key after a server error so a retry runs', async () => {
      const key = await newAccountKey();
      const before = edge.echo.calls;

      const refused = await call(edge.url, 'POST', '/v2/test/refuse', { key, body: order, headers: { 'Idempotency-Key': 'refused-1' } });
      const refusedAgain = await call(edge.url, 'POST', '/v2/test/refuse', { key, body: order, headers: { 'Idempotency-Key': 'refused-1' } });
      const crashed = await call(edge.url, 'POST', '/v2/test/crash', { key, body: order, headers: { 'Idempotency-Key': 'crashed-1' } });
      const crashedAgain = await call(edge.url, 'POST', '/v2/test/crash', { key, body: order, headers: { 'Idempotency-Key': 'crashed-1' } });

      expect(refused.status).toBe(403);
      expect(refusedAgain).toMatchObject({ status: 403, body: refused.body });
      expect(refusedAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(crashed.status).toBe(500);
      expect(crashedAgain.status).toBe(500);
      expect(edge.echo.calls - before).toBe(3);
    });

    it('replays an empty 204 of a DELETE', async () => {
      const key = await newAccountKey();
      const headers = { 'Idempotency-Key': 'cancel-1' };
      const before = edge.echo.calls;

      const first = await call(edge.url, 'DELETE', '/v2/test/orders/42', { key, headers });
      const retry = await call(edge.url, 'DELETE', '/v2/test/orders/42', { key, headers });

      expect([first.status, first.body]).toEqual([204, undefined]);
      expect([retry.status, retry.body]).toEqual([204, undefined]);
      expect(edge.echo.calls - before).toBe(1);
    });

    it('runs every request without the header, and refuses a malformed key', async () => {
      const key = await newAccountKey();
      const before = edge.echo.calls;

      await call(edge.url, 'POST', '/v2/test/orders', { key, body: order });
      await call(edge.url, 'POST', '/v2/test/orders', { key, body: order });
      const malformed = await call(edge.url, 'POST', '/v2/test/orders', { key, body: order, headers: { 'Idempotency-Key': 'k'.repeat(256) } });

      expect(edge.echo.calls - before).toBe(2);
      expect(malformed).toMatchObject({ status: 400, body: { code: 40010000, reason: 'IDEMPOTENCY.INVALID_KEY' } });
    });
  });

  describe('errors in Alpaca shape', () => {
    it('answers a risk refusal 403 with its namespaced reason and numbers', async () => {
      const answer = await call(edge.url, 'POST', '/v2/test/refuse', { key: await newAccountKey(), body: {} });

      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({
        code: 40310000,
        message: 'order notional 250000.00 exceeds the limit 100000.00',
        reason: 'RISK.MAX_NOTIONAL',
        details: { notional: '250000.00', limit: '100000.00' },
      });
    });

    it('answers an unexpected failure 500 without its internals', async () => {
      const answer = await call(edge.url, 'POST', '/v2/test/crash', { key: await newAccountKey(), body: {} });

      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ code: 50010000, message: 'internal server error', reason: 'INTERNAL' });
    });

    it('answers a Nest HTTP exception and an unknown route in the same shape', async () => {
      const missing = await call(edge.url, 'GET', '/v2/test/missing', { key: await newAccountKey() });
      const noRoute = await call(edge.url, 'GET', '/v2/nothing-here');

      expect(missing).toMatchObject({ status: 404, body: { code: 40410000, message: 'order not found' } });
      expect(noRoute).toMatchObject({ status: 404, body: { code: 40410000 } });
    });

    it('answers a malformed JSON body 400, naming the problem', async () => {
      const answer = await call(edge.url, 'POST', '/v2/test/orders', { key: await newAccountKey(), rawBody: '{"symbol": "AAPL",' });

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 40010000, reason: 'REQUEST.MALFORMED_JSON', message: expect.stringMatching(/^malformed JSON body: /) as string });
    });
  });

  describe('when Redis does not answer', () => {
    let deadRedis: Redis;
    let failOpen: EdgeApp;
    let failClosed: EdgeApp;

    beforeAll(async () => {
      // A real client of a Redis that is gone: nothing listens on its port, and it gives up at once.
      deadRedis = new Redis(`redis://127.0.0.1:${await closedPort()}`, { lazyConnect: true, retryStrategy: () => null });
      deadRedis.on('error', () => undefined);
      failOpen = await startEdgeApp(config, { redisKeyPrefix }, deadRedis);
      failClosed = await startEdgeApp(config, { redisKeyPrefix, rateLimit: { failOpen: false } }, deadRedis);
    });

    afterAll(async () => {
      await failOpen?.app.close();
      await failClosed?.app.close();
      // Already closed for good: disconnecting again would leave ioredis's close timer running.
      if (deadRedis.status !== 'end') deadRedis.disconnect();
    });

    it('lets requests through without a rate limit by default (fail open)', async () => {
      const answer = await call(failOpen.url, 'GET', '/v2/test/whoami', { key: await failOpen.apiKeys.create('it-redis-down') });

      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
    });

    it('answers 503 when configured to fail closed', async () => {
      const answer = await call(failClosed.url, 'GET', '/v2/test/whoami', { key: await failClosed.apiKeys.create('it-redis-down') });

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 50310000, reason: 'RATE_LIMIT.UNAVAILABLE' });
    });

    it('refuses a request with an Idempotency-Key with 503 rather than run it unprotected', async () => {
      const before = failOpen.echo.calls;

      const answer = await call(failOpen.url, 'POST', '/v2/test/orders', {
        key: await failOpen.apiKeys.create('it-redis-down'),
        body: {},
        headers: { 'Idempotency-Key': 'while-down' },
      });

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 50310000, reason: 'IDEMPOTENCY.UNAVAILABLE' });
      expect(failOpen.echo.calls).toBe(before);
    });
  });

  describe('overload', () => {
    let small: EdgeApp;

    beforeAll(async () => {
      small = await startEdgeApp(config, { redisKeyPrefix, admission: { maxOrderRequestsInProgress: 2 } });
    });

    afterAll(async () => {
      await small?.app.close();
    });

    it('given the most order requests in progress, when one more comes, then it is refused with 503 and Retry-After, runs nothing, and cancels still pass', async () => {
      const key = await small.apiKeys.create('it-overload');
      let open!: () => void;
      small.echo.slowGate = new Promise((resolve) => (open = resolve));
      const before = small.echo.calls;
      const slow = [call(small.url, 'POST', '/v2/test/slow', { key, body: {} }), call(small.url, 'POST', '/v2/test/slow', { key, body: {} })];
      await eventuallyTrue(() => small.echo.calls === before + 2);

      const refused = await call(small.url, 'POST', '/v2/test/orders', { key, body: {} });
      const cancel = await call(small.url, 'DELETE', '/v2/test/orders/o-1', { key });
      const read = await call(small.url, 'GET', '/v2/test/whoami', { key });
      open();
      const answered = await Promise.all(slow);
      const after = await call(small.url, 'POST', '/v2/test/orders', { key, body: {} });

      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body).toMatchObject({
        code: 50310000,
        reason: 'GATEWAY.OVERLOADED',
        message: 'the gateway is answering 2 order requests already, its most at once; retry after 1 s',
      });
      expect(cancel.status).toBe(204);
      expect(read.status).toBe(200);
      expect(answered.map((answer) => answer.status)).toEqual([200, 200]);
      expect(after.status).toBe(201);
      // the two slow ones, the cancel and the last order: the refused one never ran
      expect(small.echo.calls - before).toBe(4);
    });
  });
});

async function eventuallyTrue(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
