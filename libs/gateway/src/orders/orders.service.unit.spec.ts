import { EventEnvelope } from '@trading/messaging';
import { AccountBooksView } from './account-books.view';
import { OrderRefusedError } from './order-refused.error';
import { OrdersService } from './orders.service';
import { CommandPublisher } from '@trading/messaging';

const NOW = '2026-11-22T15:00:00.000Z';

/** Records what was published; the view answers each decision with what the test says. */
class Harness {
  readonly published: EventEnvelope[] = [];
  decision: EventEnvelope | null = null;

  readonly view = {
    ready: async () => undefined,
    decisionFor: async () => this.decision,
    order: () => undefined,
  } as unknown as AccountBooksView;

  readonly commands = {
    prepare: (accountId: string, type: string, payload: unknown) =>
      ({ eventId: `cmd-${this.published.length + 1}`, accountId, type, payload }) as unknown as EventEnvelope,
    publish: async (envelope: EventEnvelope) => void this.published.push(envelope),
  } as unknown as CommandPublisher;

  readonly service = new OrdersService(this.view, this.commands, { next: () => 'order-1' }, { now: () => new Date(NOW) }, { decisionTimeoutMs: 10 });
}

const limitBuy = { symbol: 'AAPL', qty: '5', side: 'buy', type: 'limit', time_in_force: 'gtc', limit_price: '190.5' };

describe('OrdersService', () => {
  describe('when the OMS has not decided within the bounded wait', () => {
    it('answers the order as pending_new: the decision follows on the stream', async () => {
      const harness = new Harness();

      const { body: order, seq } = await harness.service.place('acc-1', limitBuy);

      expect(harness.published.map((c) => c.type)).toEqual(['PlaceOrder']);
      expect(seq).toBeNull(); // no decision: no consistency token to hand out
      expect(order).toMatchObject({
        id: 'order-1',
        client_order_id: 'order-1',
        status: 'pending_new',
        qty: '5',
        limit_price: '190.50',
        time_in_force: 'gtc',
        submitted_at: NOW,
      });
    });
  });

  describe('when the OMS accepts', () => {
    it('answers the order with the seq of the decision: the consistency token of the write', async () => {
      const harness = new Harness();
      const accepted = { orderId: 'order-1', clientOrderId: 'order-1', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: '5' };
      harness.decision = { type: 'OrderPlaced', seq: 7, payload: {} } as unknown as EventEnvelope;
      (harness.view as unknown as { order: () => unknown }).order = () => ({
        ...accepted,
        notional: null,
        limitPrice: '190.50',
        stopPrice: null,
        status: 'pending_new',
        filledQty: '0',
        filledAvgPrice: null,
        replaces: null,
        replacedBy: null,
        submittedAt: NOW,
        updatedAt: NOW,
      });

      const written = await harness.service.place('acc-1', limitBuy);

      expect(written.seq).toBe(7);
      expect(written.body).toMatchObject({ id: 'order-1', status: 'pending_new', limit_price: '190.50' });
    });
  });

  describe('when the OMS refuses', () => {
    it('throws the refusal with its code, for the edge to turn into a status', async () => {
      const harness = new Harness();
      harness.decision = {
        type: 'OrderRejected',
        payload: { reason: { code: 'RISK.MAX_NOTIONAL', message: 'too big', field: null, ruleId: 'max-order-notional', details: { limit: '100000' } } },
      } as unknown as EventEnvelope;

      await expect(harness.service.place('acc-1', limitBuy)).rejects.toMatchObject({
        code: 'RISK.MAX_NOTIONAL',
        details: { rule: 'max-order-notional', limit: '100000' },
      });
    });
  });

  describe('given input the domain refuses', () => {
    it('publishes nothing', async () => {
      const harness = new Harness();

      await expect(harness.service.place('acc-1', { ...limitBuy, qty: '-1' })).rejects.toBeInstanceOf(OrderRefusedError);
      expect(harness.published).toEqual([]);
    });
  });
});
