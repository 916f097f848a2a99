import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BrokerAdapter, BrokerExecutionReport, BrokerFill, BrokerOrder } from '@trading/broker-sdk';
import { Dec } from '@trading/domain';
import { BrokerAdapterContractHooks, ContractOrderKind } from './broker-adapter-contract.hooks';
import {
  expectRequestRefused,
  expectSubmitRefused,
  expectWellFormedFill,
  isTerminalFill,
  orderQty,
  sumQty,
} from './contract-expectations';
import { ReportRecorder, isFill } from './report-recorder';

const DEFAULT_TIMEOUT_MS = 5000;
/** How long "no further report" is watched for after a redelivery. */
const SETTLE_MS = 200;

/**
 * The scenario matrix every broker adapter must pass. Each scenario gets a new adapter from
 * `hooks.createAdapter()`, connected, with a recorder of its reports. What the venue cannot do
 * (`hooks.capabilities`) is asserted as the documented refusal, never skipped.
 */
export function describeBrokerAdapterContract(hooks: BrokerAdapterContractHooks): void {
  const timeoutMs = hooks.reportTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const testTimeoutMs = timeoutMs * 6 + SETTLE_MS;
  const { cancel: canCancel, replace: canReplace, restingOrders: canRest } = hooks.capabilities;
  // unique across runs too: a real venue remembers client order ids
  const runId = `ct${Date.now().toString(36)}`;
  let issued = 0;
  let adapter: BrokerAdapter;
  let recorder: ReportRecorder;

  const order = (kind: ContractOrderKind): BrokerOrder => hooks.order(kind, `${runId}-${++issued}`);
  const submit = async (kind: ContractOrderKind): Promise<BrokerOrder> => {
    const placed = order(kind);
    await adapter.submit(placed);
    return placed;
  };
  const reportOf = (clientOrderId: string, kind: BrokerExecutionReport['kind']) =>
    recorder.waitFor((r) => r.clientOrderId === clientOrderId && r.kind === kind, `${kind} of ${clientOrderId}`);
  const filled = async (placed: BrokerOrder): Promise<readonly BrokerFill[]> => {
    await recorder.waitFor(isTerminalFill(placed.clientOrderId), `the fill of ${placed.clientOrderId}`);
    return recorder.fills(placed.clientOrderId);
  };
  const working = async (): Promise<BrokerOrder> => {
    const placed = await submit('limit-rests');
    await reportOf(placed.clientOrderId, 'acknowledged');
    return placed;
  };

  describe(`broker adapter contract: ${hooks.name}`, () => {
    beforeAll(async () => {
      await hooks.beforeAll?.();
    });

    afterAll(async () => {
      await hooks.afterAll?.();
    });

    beforeEach(async () => {
      adapter = await hooks.createAdapter();
      recorder = new ReportRecorder(adapter, timeoutMs);
      await adapter.connect();
    });

    afterEach(async () => {
      recorder.stop();
      if (adapter.isConnected()) await adapter.disconnect();
    });

    it('fills a market order: acknowledged, then fills summing to the order qty, each fully described', async () => {
      const placed = await submit('market-fills');

      const fills = await filled(placed);

      expect(recorder.of(placed.clientOrderId)[0]?.kind).toBe('acknowledged');
      expect(sumQty(fills).eq(orderQty(placed))).toBe(true);
      fills.forEach(expectWellFormedFill);
      expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'filled' });
    }, testTimeoutMs);

    it('fills a limit order at its limit price or better', async () => {
      const placed = await submit('limit-fills');

      const fills = await filled(placed);

      expect(recorder.of(placed.clientOrderId)[0]?.kind).toBe('acknowledged');
      expect(sumQty(fills).eq(orderQty(placed))).toBe(true);
      fills.forEach(expectWellFormedFill);
      const limit = new Dec(placed.limitPrice ?? 'NaN');
      for (const fill of fills) {
        expect(placed.side === 'buy' ? limit.gte(fill.price) : limit.lte(fill.price)).toBe(true);
      }
    }, testTimeoutMs);

    it(
      canRest
        ? 'fills in several executions with unique execution ids, partial fills before the final fill'
        : 'refuses an order that would fill in several executions (no resting orders)',
      async () => {
        if (!canRest) return expectSubmitRefused(adapter, recorder, order('partially-fills'));
        const placed = await submit('partially-fills');

        const fills = await filled(placed);

        expect(fills.length).toBeGreaterThanOrEqual(2);
        expect(new Set(fills.map((f) => f.executionId)).size).toBe(fills.length);
        expect(sumQty(fills).eq(orderQty(placed))).toBe(true);
        expect(fills.map((f) => f.kind)).toEqual([...fills.slice(1).map(() => 'partial_fill'), 'fill']);
        fills.forEach(expectWellFormedFill);
      },
      testTimeoutMs,
    );

    it(
      !canRest
        ? 'refuses an order that would rest (no resting orders)'
        : canCancel
          ? 'cancels a working order'
          : 'refuses to cancel a working order (no cancel), which keeps working',
      async () => {
        if (!canRest) return expectSubmitRefused(adapter, recorder, order('limit-rests'));
        const placed = await working();
        const request = () => adapter.cancel(placed);

        if (canCancel) {
          await request();
          await reportOf(placed.clientOrderId, 'canceled');
          expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'canceled' });
          expect((await adapter.openOrders()).map((o) => o.order.clientOrderId)).not.toContain(placed.clientOrderId);
        } else {
          await expectRequestRefused(recorder, placed.clientOrderId, request);
          expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'working' });
        }
      },
      testTimeoutMs,
    );

    it('refuses to cancel a filled order, which stays filled', async () => {
      const placed = await submit('market-fills');
      await filled(placed);

      await expectRequestRefused(recorder, placed.clientOrderId, () => adapter.cancel(placed));

      expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'filled' });
      const snapshot = await adapter.lookup(placed.clientOrderId);
      expect(new Dec(snapshot?.filledQty ?? '0').eq(orderQty(placed))).toBe(true);
      expect(recorder.of(placed.clientOrderId).map((r) => r.kind)).not.toContain('canceled');
    }, testTimeoutMs);

    it(
      !canRest
        ? 'refuses an order to replace (no resting orders)'
        : canReplace
          ? 'replaces a working order: replaced on the old id, the replacement working'
          : 'refuses to replace a working order (no replace), which keeps working',
      async () => {
        if (!canRest) return expectSubmitRefused(adapter, recorder, order('limit-rests'));
        const placed = await working();
        const replacement = order('limit-rests');
        const request = () => adapter.replace({ clientOrderId: placed.clientOrderId, replacement });

        if (canReplace) {
          await request();
          const replaced = await reportOf(placed.clientOrderId, 'replaced');
          expect(replaced).toMatchObject({ replacementClientOrderId: replacement.clientOrderId });
          expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'replaced' });
          expect(await adapter.lookup(replacement.clientOrderId)).toMatchObject({ state: 'working' });
          if (canCancel) await adapter.cancel(replacement);
        } else {
          await expectRequestRefused(recorder, placed.clientOrderId, request, replacement.clientOrderId);
          expect(await adapter.lookup(placed.clientOrderId)).toMatchObject({ state: 'working' });
        }
      },
      testTimeoutMs,
    );

    it('rejects an order it cannot accept, with a reason', async () => {
      const placed = await submit('rejected');

      const rejected = await reportOf(placed.clientOrderId, 'rejected');

      expect(rejected).toMatchObject({ reason: expect.stringMatching(/\S/) });
      expect(recorder.fills(placed.clientOrderId)).toEqual([]);
    }, testTimeoutMs);

    it('repeats only fills already seen when it redelivers, so dedup by execution id is safe', async () => {
      const placed = await submit(canRest ? 'partially-fills' : 'market-fills');
      const before = await filled(placed);
      const seen = new Map(before.map((f) => [f.executionId, f]));
      const mark = recorder.reports.length;

      await hooks.redeliver(adapter);
      await recorder.waitUntil(
        (reports) => reports.slice(mark).some((r) => isFill(r) && seen.has(r.executionId)),
        'a redelivered fill',
      );
      await recorder.settle(SETTLE_MS);

      const repeats = recorder.reports.slice(mark).filter(isFill);
      for (const repeat of repeats) {
        expect(seen.has(repeat.executionId)).toBe(true);
        const original = seen.get(repeat.executionId);
        expect(repeat).toMatchObject({ clientOrderId: original?.clientOrderId, qty: original?.qty, price: original?.price });
      }
    }, testTimeoutMs);

    it('survives a reconnect: refuses requests while disconnected, remembers earlier orders, takes new ones', async () => {
      const earlier = canRest ? await working() : await submit('market-fills');
      if (!canRest) await filled(earlier);

      await adapter.disconnect();
      expect(adapter.isConnected()).toBe(false);
      const meanwhile = order('market-fills');
      await expect(adapter.submit(meanwhile)).rejects.toMatchObject({ code: 'BROKER.UNAVAILABLE' });

      await adapter.connect();
      expect(adapter.isConnected()).toBe(true);
      expect(await adapter.lookup(earlier.clientOrderId)).toMatchObject({
        order: { clientOrderId: earlier.clientOrderId },
        state: canRest ? 'working' : 'filled',
      });
      if (canRest) {
        expect((await adapter.openOrders()).map((o) => o.order.clientOrderId)).toContain(earlier.clientOrderId);
      }
      expect(await adapter.lookup(meanwhile.clientOrderId)).toBeNull();
      const later = await submit('market-fills');
      expect(sumQty(await filled(later)).eq(orderQty(later))).toBe(true);
      if (canRest && canCancel) await adapter.cancel(earlier);
    }, testTimeoutMs);

    it('answers null for a client order id it never received', async () => {
      expect(await adapter.lookup(`${runId}-never-sent`)).toBeNull();
    });

    it('lists in fills(since) exactly the fills it reported', async () => {
      const first = await submit('market-fills');
      const second = await submit(canRest ? 'partially-fills' : 'limit-fills');
      await filled(first);
      await filled(second);
      const ours = new Set([first.clientOrderId, second.clientOrderId]);
      const reported = [...new Map(recorder.fills().map((f) => [f.executionId, f])).values()];
      const times = reported.map((f) => Date.parse(f.at));
      const since = new Date(Math.min(...times)).toISOString();
      const after = new Date(Math.max(...times) + 1).toISOString();
      const key = (f: BrokerFill) => `${f.executionId} ${f.clientOrderId} ${new Dec(f.qty).toString()}@${new Dec(f.price).toString()}`;

      const listed = (await adapter.fills(since)).filter((f) => ours.has(f.clientOrderId));
      const later = (await adapter.fills(after)).filter((f) => ours.has(f.clientOrderId));

      expect(listed.map(key).sort()).toEqual(reported.map(key).sort());
      expect(later).toEqual([]);
    }, testTimeoutMs);
  });
}
