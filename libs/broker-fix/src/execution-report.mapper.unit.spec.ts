import { mapExecutionReport } from './execution-report.mapper';
import { FixFields } from './fix-fields';

const sent = { MsgSeqNum: '3', SendingTime: '20240501-13:30:00.123', ClOrdID: 'ord-1', OrderID: '17', Symbol: 'AAPL', Side: '1' };
const map = (fields: FixFields) => mapExecutionReport(fields, 'VENUE');

describe('mapExecutionReport', () => {
  describe('given the QuickFIX/J executor acknowledgement (ExecType=2, OrdStatus=New, no LastQty)', () => {
    it('then it is acknowledged as new, with the OrderID and the SendingTime', () => {
      expect(map({ ...sent, ExecType: '2', OrdStatus: '0', ExecID: '1', LeavesQty: '7', CumQty: '0' })).toEqual({
        outcome: 'report',
        report: { kind: 'acknowledged', venueStatus: 'new', clientOrderId: 'ord-1', brokerOrderId: '17', at: '2024-05-01T13:30:00.123Z' },
      });
    });
  });

  describe('given an execution with a positive LastQty', () => {
    const trade = { ...sent, ExecType: 'F', ExecID: 'E9', LastQty: '7', LastPx: '101.250', OrderQty: '7' };

    it('when the order is filled, then it is a fill with the exact decimals as sent', () => {
      expect(map({ ...trade, OrdStatus: '2', LeavesQty: '0' })).toEqual({
        outcome: 'report',
        report: {
          kind: 'fill',
          clientOrderId: 'ord-1',
          brokerOrderId: '17',
          at: '2024-05-01T13:30:00.123Z',
          executionId: 'E9',
          qty: '7',
          price: '101.250',
          venue: 'VENUE',
        },
      });
    });

    it('when quantity is left, then it is a partial fill at LastMkt', () => {
      const mapped = map({ ...trade, OrdStatus: '1', LeavesQty: '3', LastQty: '4', LastMkt: 'XNAS' });
      expect(mapped).toMatchObject({ report: { kind: 'partial_fill', qty: '4', venue: 'XNAS' } });
    });

    it('when it is the FIX 4.2 style Fill (ExecType=2), then it is a fill too', () => {
      expect(map({ ...trade, ExecType: '2', OrdStatus: '2', LeavesQty: '0' })).toMatchObject({ report: { kind: 'fill' } });
    });

    it('when it is resent (PossDupFlag=Y, new SendingTime, OrigSendingTime), then it maps to the identical report', () => {
      const original = map({ ...trade, OrdStatus: '2' });
      const resent = map({ ...trade, OrdStatus: '2', PossDupFlag: 'Y', SendingTime: '20240501-14:00:00.000', OrigSendingTime: sent.SendingTime });
      expect(resent).toEqual(original);
    });

    it('when TransactTime is present, then it is the time of the report', () => {
      expect(map({ ...trade, OrdStatus: '2', TransactTime: '20240501-13:29:59' })).toMatchObject({ report: { at: '2024-05-01T13:29:59.000Z' } });
    });

    it.each([
      ['no ExecID', { ExecID: undefined }, /ExecID/],
      ['a LastPx in exponent notation', { LastPx: '1.0E-4' }, /LastPx/],
      ['a negative LastPx', { LastPx: '-1' }, /LastPx/],
    ])('when it has %s, then it is invalid, never guessed', (_name, change, problem) => {
      expect(map({ ...trade, OrdStatus: '2', ...change })).toEqual({ outcome: 'invalid', problem: expect.stringMatching(problem) as string });
    });
  });

  describe('given order state changes', () => {
    it('when rejected with Text, then the reason is the Text', () => {
      expect(map({ ...sent, ExecType: '8', OrdStatus: '8', Text: 'no such symbol', OrdRejReason: '1' })).toMatchObject({
        report: { kind: 'rejected', reason: 'no such symbol' },
      });
    });

    it('when rejected with only OrdRejReason, then the reason spells the code out', () => {
      expect(map({ ...sent, ExecType: '8', OrdStatus: '8', OrdRejReason: '1' })).toMatchObject({
        report: { kind: 'rejected', reason: 'OrdRejReason 1 (unknown symbol)' },
      });
    });

    it('when canceled on our cancel request, then it is canceled on our order (OrigClOrdID)', () => {
      expect(map({ ...sent, ClOrdID: 'cxl-req', OrigClOrdID: 'ord-1', ExecType: '4', OrdStatus: '4' })).toMatchObject({
        report: { kind: 'canceled', clientOrderId: 'ord-1', reason: null },
      });
    });

    it('when replaced, then the report is on the old order naming the replacement', () => {
      expect(map({ ...sent, ClOrdID: 'ord-2', OrigClOrdID: 'ord-1', ExecType: '5', OrdStatus: '0' })).toMatchObject({
        report: { kind: 'replaced', clientOrderId: 'ord-1', replacementClientOrderId: 'ord-2' },
      });
    });

    it('when expired, then it is expired', () => {
      expect(map({ ...sent, ExecType: 'C', OrdStatus: 'C' })).toMatchObject({ report: { kind: 'expired' } });
    });

    it('when pending new, then it is acknowledged as accepted', () => {
      expect(map({ ...sent, ExecType: 'A', OrdStatus: 'A' })).toMatchObject({ report: { kind: 'acknowledged', venueStatus: 'accepted' } });
    });

    it('when it only restates (ExecType=I), then there is nothing to report', () => {
      expect(map({ ...sent, ExecType: 'I', OrdStatus: '0' })).toMatchObject({ outcome: 'ignored' });
    });

    it('when OrderID is the placeholder NONE, then there is no broker order id', () => {
      expect(map({ ...sent, OrderID: 'NONE', ExecType: '8', OrdStatus: '8' })).toMatchObject({ report: { brokerOrderId: null } });
    });
  });

  describe('given a report that cannot be attributed', () => {
    it('when ClOrdID is missing, then it is invalid', () => {
      expect(map({ ...sent, ClOrdID: undefined, ExecType: '0' })).toMatchObject({ outcome: 'invalid' });
    });

    it('when no time is readable, then it is invalid', () => {
      expect(map({ ...sent, SendingTime: 'yesterday', ExecType: '0' })).toMatchObject({ outcome: 'invalid' });
    });
  });
});
