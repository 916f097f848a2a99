import { Dec } from '@trading/domain';
import { ExpiryQueue } from './expiry-queue';
import { VenueOrder } from './venue-order';

function expiring(id: string, expiresAt: string | null): VenueOrder {
  return {
    order: { clientOrderId: id, accountId: 'acc', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '1', notional: null, limitPrice: '90', stopPrice: null },
    brokerOrderId: `B-${id}`,
    seq: 1,
    qty: new Dec(1),
    limitPrice: new Dec(90),
    stopPrice: null,
    expiresAt,
    filledQty: new Dec(0),
    state: 'working',
    triggered: false,
    updatedAt: '2024-05-01T14:00:00.000Z',
  };
}

const ids = (orders: readonly VenueOrder[]) => orders.map((o) => o.order.clientOrderId);
const ms = (iso: string) => Date.parse(iso);

describe('expiry queue', () => {
  it('gives the due orders soonest first, ties in the order they were added, each once', () => {
    const queue = new ExpiryQueue();
    queue.add(expiring('late', '2024-05-02T20:00:00.000Z'));
    queue.add(expiring('tie-1', '2024-05-01T20:00:00.000Z'));
    queue.add(expiring('early', '2024-05-01T19:00:00.000Z'));
    queue.add(expiring('tie-2', '2024-05-01T20:00:00.000Z'));
    queue.add(expiring('never', null));

    expect(ids(queue.takeDue(ms('2024-05-01T18:59:59.999Z')))).toEqual([]);
    expect(ids(queue.takeDue(ms('2024-05-01T20:00:00.000Z')))).toEqual(['early', 'tie-1', 'tie-2']);
    expect(ids(queue.takeDue(ms('2024-05-01T20:00:00.000Z')))).toEqual([]);
    expect(ids(queue.takeDue(ms('2030-01-01T00:00:00.000Z')))).toEqual(['late']);
  });

  it('skips an order that stopped working before its time', () => {
    const queue = new ExpiryQueue();
    const filled = expiring('filled', '2024-05-01T20:00:00.000Z');
    queue.add(filled);
    queue.add(expiring('working', '2024-05-01T20:00:00.000Z'));
    filled.state = 'filled';

    expect(ids(queue.takeDue(ms('2024-05-01T20:00:00.000Z')))).toEqual(['working']);
  });
});
