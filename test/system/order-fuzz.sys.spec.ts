import { createKafkaClient, TopicCatalogue } from '@trading/messaging';
import { testConfig, uniqueName } from '@trading/testing';
import fc from 'fast-check';
import { Admin } from 'kafkajs';
import { FuzzRequest, placeRequest, replaceRequest } from '../support/order-fuzz.arbitraries';
import { TestAccount, TradingSystem } from '../support/trading-system';

/**
 * Thousands of random bodies against the order endpoints of the real process. A request may
 * append one command to the commands topic only when it reaches the OMS: answered 2xx, or refused
 * by the OMS's own decision (a risk rule, a duplicate client order id, a replace the order's state
 * does not allow: refusals are events). Everything the gateway turns away (bad JSON, bad fields,
 * unknown order, rate limit) must leave the topic untouched. Each run checks its own request.
 */
describe('order endpoints under fuzzed input', () => {
  const system = new TradingSystem();
  // 16 accounts x 200 requests a minute (the edge's default quota) covers every run and the set-up
  const ACCOUNTS = 16;
  const accounts: { account: TestAccount; orderId: string }[] = [];
  let admin: Admin;
  let commandsTopic: string;
  let nextAccount = 0;

  /** Codes only the OMS's decision gives: the command was appended before the answer. */
  const DECIDED_BY_OMS = /^(RISK|ACCOUNT|LIMITS)\.|^ORDER\.(DUPLICATE_CLIENT_ORDER_ID|DUPLICATE_ORDER_ID|NOT_REPLACEABLE|NOT_CANCELABLE|INVALID_TRANSITION)$/;

  interface Answer {
    readonly status: number;
    readonly text: string;
    readonly body: unknown;
  }

  interface Tally {
    requests: number;
    accepted: number;
    decidedByOms: number;
    refusedAtEdge: number;
    rateLimited: number;
  }

  const emptyTally = (): Tally => ({ requests: 0, accepted: 0, decidedByOms: 0, refusedAtEdge: 0, rateLimited: 0 });

  /** Records on the commands topic: the sum of the partitions' high watermarks. */
  const commandCount = async (): Promise<number> =>
    (await admin.fetchTopicOffsets(commandsTopic)).reduce((sum, partition) => sum + Number(partition.high), 0);

  const send = async (account: TestAccount, method: string, path: string, request: FuzzRequest): Promise<Answer> => {
    const headers: Record<string, string> = { 'APCA-API-KEY-ID': account.keyId, 'APCA-API-SECRET-KEY': account.secretKey };
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    if (request.contentEncoding !== undefined) headers['content-encoding'] = request.contentEncoding;
    const response = await fetch(`${system.baseUrl}${path}`, { method, headers, ...(request.body === undefined ? {} : { body: request.body }) });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body };
  };

  const reasonOf = (answer: Answer): string => {
    const reason = (answer.body as { reason?: unknown } | undefined)?.reason;
    return typeof reason === 'string' ? reason : '';
  };

  /** How many commands this answer says were appended, counted into the tally. */
  const appendsOf = (answer: Answer, tally: Tally): number => {
    tally.requests++;
    if (answer.status >= 200 && answer.status < 300) {
      tally.accepted++;
      return 1;
    }
    if (answer.status === 429) tally.rateLimited++;
    if (DECIDED_BY_OMS.test(reasonOf(answer))) {
      tally.decidedByOms++;
      return 1;
    }
    tally.refusedAtEdge++;
    return 0;
  };

  const expectWellFormed = (answer: Answer): void => {
    expect(answer.status).toBeLessThan(500);
    if (answer.status >= 300) {
      // Alpaca's error shape; our code is the status followed by 10000 (40310000)
      expect(answer.body).toEqual(expect.objectContaining({ code: expect.any(Number) as unknown, message: expect.any(String) as unknown }));
      expect(Math.floor((answer.body as { code: number }).code / 100_000)).toBe(answer.status);
    } else {
      expect(answer.body).toEqual(expect.objectContaining({ id: expect.any(String) as unknown, status: expect.any(String) as unknown }));
    }
  };

  /** One fuzz run: the request's own effect on the commands topic matches what its answer says. */
  const fuzzRun = async (tally: Tally, method: 'POST' | 'PATCH', request: FuzzRequest): Promise<void> => {
    const target = accounts[nextAccount++ % accounts.length] as (typeof accounts)[number];
    const path = method === 'POST' ? '/v2/orders' : `/v2/orders/${target.orderId}`;
    const before = await commandCount();
    const answer = await send(target.account, method, path, request);
    const appended = (await commandCount()) - before;

    expectWellFormed(answer);
    expect({ status: answer.status, reason: reasonOf(answer), appended }).toEqual({
      status: answer.status,
      reason: reasonOf(answer),
      appended: appendsOf(answer, tally),
    });
  };

  beforeAll(async () => {
    await system.start();
    const created: TestAccount[] = [];
    // a few admin processes at a time: a 2-core machine also runs the system under test
    for (let i = 0; i < ACCOUNTS; i += 4) created.push(...(await Promise.all([0, 1, 2, 3].map(() => system.createAccount('100000')))));
    const price = await system.referencePrice('AAPL');
    for (const [i, account] of created.entries()) {
      const body = { symbol: 'AAPL', qty: String(i + 1), side: 'buy', type: 'limit', time_in_force: 'day', limit_price: (Math.round(price * 98) / 100).toFixed(2) };
      const response = await fetch(`${system.baseUrl}/v2/orders`, { method: 'POST', headers: account.headers, body: JSON.stringify(body) });
      const order = (await response.json()) as { id: string };
      if (response.status !== 200) throw new Error(`set-up order refused: ${response.status} ${JSON.stringify(order)}`);
      accounts.push({ account, orderId: order.id });
    }
    admin = createKafkaClient({ clientId: uniqueName('order-fuzz'), brokers: testConfig().KAFKA_BROKERS, logLevel: 'nothing' }).admin();
    await admin.connect();
    commandsTopic = TopicCatalogue.standard({ prefix: system.prefix, accountPartitions: 3 }).name('commands');
  }, 180_000);

  afterAll(async () => {
    await admin?.disconnect();
    await system.stop();
  }, 60_000);

  it('given random bodies on POST /v2/orders, then no 5xx, errors in Alpaca shape, and only decided orders append a command', async () => {
    const tally = emptyTally();
    const start = await commandCount();

    await fc.assert(
      fc.asyncProperty(placeRequest, (request) => fuzzRun(tally, 'POST', request)),
      { seed: 20_241_103, numRuns: 1_800, interruptAfterTimeLimit: 90_000 },
    );

    expect((await commandCount()) - start).toBe(tally.accepted + tally.decidedByOms);
    // the fuzz reached every path: edge refusals, OMS refusals and accepted orders
    expect(tally.requests).toBeGreaterThanOrEqual(500);
    expect(tally.refusedAtEdge).toBeGreaterThan(0);
    expect(tally.decidedByOms).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.rateLimited).toBe(0);
  }, 150_000);

  it('given random JSON on PATCH /v2/orders/{id} of a pending order, then no 5xx, errors in Alpaca shape, and only OMS decisions append a command', async () => {
    const tally = emptyTally();
    const start = await commandCount();

    await fc.assert(
      fc.asyncProperty(replaceRequest, (request) => fuzzRun(tally, 'PATCH', request)),
      { seed: 20_241_104, numRuns: 800, interruptAfterTimeLimit: 45_000 },
    );

    expect((await commandCount()) - start).toBe(tally.accepted + tally.decidedByOms);
    expect(tally.requests).toBeGreaterThanOrEqual(300);
    expect(tally.refusedAtEdge).toBeGreaterThan(0);
    expect(tally.decidedByOms).toBeGreaterThan(0);
    expect(tally.rateLimited).toBe(0);
  }, 90_000);
});
