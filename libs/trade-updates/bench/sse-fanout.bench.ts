/**
 * SSE fan-out benchmark: one server process holds N trade-update connections through one
 * TradeUpdatesHub (one Redis subscriber); this process opens them, publishes updates through the
 * notifier's append script at a fixed rate, and measures publish-to-client delivery latency.
 *
 *   npx tsc -p libs/trade-updates/bench/tsconfig.json && npx tsc-alias -p libs/trade-updates/bench/tsconfig.json
 *   node .bench/trade-updates/libs/trade-updates/bench/sse-fanout.bench.js [connections=10000] [clientsPerAccount=2] [updatesPerSecond=500] [seconds=10]
 */
import { createRedisClient } from '@trading/redis';
import { ResponseSseSink, TradeUpdatesHub, TradeUpdatesKeys, TradeUpdatesStore } from '@trading/trade-updates';
import type { Request, Response } from 'express';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const now = (): number => performance.timeOrigin + performance.now();
const out = (text: string): boolean => process.stdout.write(`${text}\n`);

async function server(prefix: string): Promise<void> {
  const redis = createRedisClient(REDIS_URL, 'bench-server');
  await redis.connect();
  const store = new TradeUpdatesStore(redis, new TradeUpdatesKeys(prefix), 100);
  const hub = new TradeUpdatesHub(redis.duplicate(), store, { heartbeatMs: Number(process.env.BENCH_HEARTBEAT_MS ?? 15_000), maxBufferedBytes: 1024 * 1024, backlogPageSize: 500 });
  await hub.start();
  const http1 = http.createServer((request, response) => {
    const account = new URL(request.url ?? '/', 'http://x').searchParams.get('account') ?? 'none';
    void hub.attach(account, new ResponseSseSink(request as Request, response as Response), null);
  });
  http1.listen(0, '127.0.0.1', 8192, () => process.send?.({ port: (http1.address() as AddressInfo).port }));
  process.on('message', (message: string) => {
    if (message === 'stats') {
      const memory = process.memoryUsage();
      process.send?.({ connections: hub.connections, rssMb: Math.round(memory.rss / 2 ** 20), heapMb: Math.round(memory.heapUsed / 2 ** 20) });
    }
    if (message === 'stop') void hub.stop().then(() => redis.quit()).then(() => process.exit(0));
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}

async function driver(): Promise<void> {
  const [connections = 10_000, perAccount = 2, rate = 500, seconds = 10] = process.argv.slice(2).map(Number);
  const accounts = Math.ceil(connections / perAccount);
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  const child = fork(__filename, ['--server', prefix]);
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', (m) => resolve(m as { port: number })));

  const latencies: number[] = [];
  let connected = 0;
  const started = now();
  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: `/stream?account=a${i % accounts}`, agent: false }, (response) => {
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith(': connected')) {
              connected += 1;
              resolve();
            }
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (data) latencies.push(now() - (JSON.parse(data.slice(6)) as { sent: number }).sent);
          }
        });
      });
      request.on('error', reject);
    });
  for (let i = 0; i < connections; i += 500) await Promise.all(Array.from({ length: Math.min(500, connections - i) }, (_, k) => open(i + k)));
  const connectMs = now() - started;
  const held = await ask<{ connections: number; rssMb: number; heapMb: number }>(child, 'stats');

  const redis = createRedisClient(REDIS_URL, 'bench-driver');
  await redis.connect();
  const store = new TradeUpdatesStore(redis, new TradeUpdatesKeys(prefix), 100);
  const seqs = new Map<string, number>();
  const total = rate * seconds;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  for (let sent = 0; sent < total; ) {
    const tick = now();
    const batch: Promise<boolean>[] = [];
    for (let k = 0; k < perTick && sent < total; k++, sent++) {
      const account = `a${Math.floor(Math.random() * accounts)}`;
      const seq = (seqs.get(account) ?? 0) + 1;
      seqs.set(account, seq);
      const data = JSON.stringify({ event: 'new', sent: now(), order: { id: `o-${seq}`, status: 'new', pad: 'x'.repeat(600) } });
      batch.push(store.append(account, seq, [], [{ position: { seq, index: 0 }, event: 'new', data }]));
    }
    await Promise.all(batch);
    const wait = tickMs - (now() - tick);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const expected = total * perAccount;
  const deadline = now() + 10_000;
  while (latencies.length < expected && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const after = await ask<{ connections: number; rssMb: number; heapMb: number }>(child, 'stats');
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(2));
  out(
    JSON.stringify(
      {
        connections: { requested: connections, connected, heldByServer: held.connections, connectMs: Math.round(connectMs) },
        accounts,
        published: total,
        ratePerSecond: rate,
        deliveries: { expected, received: latencies.length },
        deliveryMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
        server: { rssMbWhenConnected: held.rssMb, rssMbAfter: after.rssMb, heapMbAfter: after.heapMb },
      },
      null,
      2,
    ),
  );
  const keys = await redis.keys(`${prefix}*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  await redis.quit();
  child.send('stop');
  process.exit(0);
}

if (process.argv[2] === '--server') void server(process.argv[3] ?? 'bench.');
else void driver();
