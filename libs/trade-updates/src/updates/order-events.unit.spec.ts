import { AccountBookEvent } from '@trading/domain';
import { createdOrderIdsOf, orderIdsOf } from './order-events';

const event = (fields: Record<string, unknown>): AccountBookEvent => fields as unknown as AccountBookEvent;

describe('createdOrderIdsOf', () => {
  it('given a placed or refused order, then its id is one no earlier event named', () => {
    expect(createdOrderIdsOf(event({ type: 'OrderPlaced', orderId: 'o-1' }))).toEqual(['o-1']);
    expect(createdOrderIdsOf(event({ type: 'OrderRejected', orderId: 'o-1' }))).toEqual(['o-1']);
  });

  it('given a replace, requested or refused, then only the replacement is new', () => {
    const requested = event({ type: 'OrderReplaceRequested', orderId: 'o-1', replacementOrderId: 'o-2' });

    expect(createdOrderIdsOf(requested)).toEqual(['o-2']);
    expect(orderIdsOf(requested)).toEqual(['o-1', 'o-2']);
    expect(createdOrderIdsOf(event({ type: 'ReplaceRejected', orderId: 'o-1', replacementOrderId: 'o-2' }))).toEqual(['o-2']);
  });

  it('given an event on an existing order, then nothing is new', () => {
    expect(createdOrderIdsOf(event({ type: 'OrderFilled', orderId: 'o-1' }))).toEqual([]);
    expect(createdOrderIdsOf(event({ type: 'OrderCanceled', orderId: 'o-1' }))).toEqual([]);
  });
});
