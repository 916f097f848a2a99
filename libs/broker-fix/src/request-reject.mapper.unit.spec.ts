import { mapRequestReject } from './request-reject.mapper';

const header = { MsgSeqNum: '9', SendingTime: '20240501-13:30:00.000' };
const receivedAt = '2024-05-01T13:30:01.000Z';

describe('mapRequestReject', () => {
  const sessionReject = { ...header, RefSeqNum: '2', RefTagID: '40', RefMsgType: 'D', SessionRejectReason: '5', Text: 'Value is incorrect (out of range) for this tag' };
  const businessReject = { ...header, RefSeqNum: '4', RefMsgType: 'F', BusinessRejectReason: '3', Text: 'Unsupported Message Type' };

  it('given a session Reject of our order, then the order is rejected, naming the tag', () => {
    expect(mapRequestReject(sessionReject, '3', { kind: 'submit', clientOrderId: 'ord-1' }, receivedAt)).toEqual({
      outcome: 'report',
      report: {
        kind: 'rejected',
        clientOrderId: 'ord-1',
        brokerOrderId: null,
        at: '2024-05-01T13:30:00.000Z',
        reason: 'Value is incorrect (out of range) for this tag (tag 40)',
      },
    });
  });

  it('given a BusinessMessageReject of our cancel, then it is cancel_rejected and the order stays', () => {
    expect(mapRequestReject(businessReject, 'j', { kind: 'cancel', clientOrderId: 'ord-1' }, receivedAt)).toMatchObject({
      report: { kind: 'cancel_rejected', clientOrderId: 'ord-1', reason: 'cancel refused: Unsupported Message Type' },
    });
  });

  it('given a BusinessMessageReject without Text of our replace, then the coded reason is spelled out', () => {
    expect(mapRequestReject({ ...businessReject, Text: undefined }, 'j', { kind: 'replace', clientOrderId: 'ord-1' }, receivedAt)).toMatchObject({
      report: { kind: 'cancel_rejected', reason: 'replace refused: BusinessRejectReason 3 (unsupported message type)' },
    });
  });

  it('given a reject without a readable time, then it is dated when received', () => {
    expect(mapRequestReject({ RefSeqNum: '2' }, '3', { kind: 'submit', clientOrderId: 'ord-1' }, receivedAt)).toMatchObject({
      report: { at: receivedAt, reason: 'session reject' },
    });
  });
});
