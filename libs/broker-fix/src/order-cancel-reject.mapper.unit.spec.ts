import { mapOrderCancelReject } from './order-cancel-reject.mapper';

const header = { MsgSeqNum: '9', SendingTime: '20240501-13:30:00.000' };

describe('mapOrderCancelReject', () => {
  it('given a refused cancel, then it is cancel_rejected on our order with the reason', () => {
    expect(mapOrderCancelReject({ ...header, ClOrdID: 'cxl-1', OrigClOrdID: 'ord-1', OrderID: '5', CxlRejResponseTo: '1', CxlRejReason: '0' })).toEqual({
      outcome: 'report',
      report: {
        kind: 'cancel_rejected',
        clientOrderId: 'ord-1',
        brokerOrderId: '5',
        at: '2024-05-01T13:30:00.000Z',
        reason: 'cancel refused: CxlRejReason 0 (too late to cancel)',
      },
    });
  });

  it('given a refused replace with Text, then the reason says so', () => {
    expect(mapOrderCancelReject({ ...header, ClOrdID: 'ord-2', OrigClOrdID: 'ord-1', CxlRejResponseTo: '2', Text: 'market closed' })).toMatchObject({
      report: { clientOrderId: 'ord-1', reason: 'replace refused: market closed' },
    });
  });

  it('given no OrigClOrdID, then it is invalid', () => {
    expect(mapOrderCancelReject({ ...header, ClOrdID: 'cxl-1' })).toMatchObject({ outcome: 'invalid' });
  });
});
