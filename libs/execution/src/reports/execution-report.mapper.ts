import { BrokerExecutionReport } from '@trading/broker-sdk';
import { ExecutionReportedPayload } from '@trading/contracts';

export type ExecutionReportBody = ExecutionReportedPayload['report'];

/** A broker's report in the OMS's words; the broker's client order id is our order id. */
export function toExecutionReport(report: BrokerExecutionReport): ExecutionReportBody {
  const orderId = report.clientOrderId;
  switch (report.kind) {
    case 'acknowledged':
      return { kind: 'acknowledged', orderId, venueStatus: report.venueStatus };
    case 'partial_fill':
    case 'fill':
      return {
        kind: report.kind,
        orderId,
        executionId: report.executionId,
        qty: report.qty,
        price: report.price,
        venue: report.venue,
        executedAt: report.at,
      };
    case 'canceled':
    case 'cancel_rejected':
    case 'rejected':
      return { kind: report.kind, orderId, reason: report.reason };
    case 'expired':
      return { kind: 'expired', orderId };
    case 'replaced':
      return { kind: 'replaced', orderId, replacementOrderId: report.replacementClientOrderId };
    default: {
      const unknown: never = report;
      throw new Error(`Unknown broker report kind ${(unknown as { kind: string }).kind}`);
    }
  }
}

/** A request that certainly never reached the broker, told to the OMS as the broker's refusal. */
export function refusalReport(action: 'submit' | 'cancel' | 'replace', orderId: string, code: string, reason: string): ExecutionReportBody {
  const text = `${code}: ${reason}`.slice(0, 1000);
  return action === 'cancel' ? { kind: 'cancel_rejected', orderId, reason: text } : { kind: 'rejected', orderId, reason: text };
}
