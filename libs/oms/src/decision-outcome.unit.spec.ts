import { decisionOutcome } from './decision-outcome';

const event = (type: string, payload: unknown = {}) => ({ type, payload });

describe('decisionOutcome', () => {
  it('given an order placed, then the decision is accepted with no rule', () => {
    expect(decisionOutcome([event('OrderPlaced')])).toEqual({ outcome: 'accepted', rule: '' });
  });

  it('given a risk refusal, then the decision is rejected and names the refusing rule', () => {
    expect(decisionOutcome([event('OrderRejected', { reason: { code: 'RISK.BUYING_POWER' } })])).toEqual({
      outcome: 'rejected',
      rule: 'RISK.BUYING_POWER',
    });
  });

  it('given a cancel-all with its cancels, then it is one accepted decision', () => {
    expect(decisionOutcome([event('CancelAllOrdersRequested'), event('OrderCancelRequested')])).toEqual({ outcome: 'accepted', rule: '' });
  });

  it('given the effects of an execution report, then they are no decision', () => {
    expect(decisionOutcome([event('OrderFilled')])).toBeNull();
    expect(decisionOutcome([event('ExecutionReportRejected', { reason: { code: 'EXECUTION.UNKNOWN_ORDER' } })])).toBeNull();
  });
});
