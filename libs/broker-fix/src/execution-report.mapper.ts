import { FixFields } from './fix-fields';
import { EXEC_TYPE, ORD_REJ_REASON, ORD_STATUS } from './fix-codes';
import { brokerOrderId, eventTime, fixDecimal, FixMapping, ignored, invalid, isPositive, reasonText, reportOf } from './fix-mapping';

const TRADE_TYPES: readonly string[] = [EXEC_TYPE.trade, EXEC_TYPE.partialFill42, EXEC_TYPE.fill42];

/**
 * An ExecutionReport (35=8) as a broker report. Untrusted input: anything that cannot be
 * attributed or read exactly is `invalid`, never guessed. A report about an execution is a fill
 * only when it carries a positive LastQty: the QuickFIX/J executor sends its acknowledgement as
 * ExecType=2 (the FIX 4.2 "Fill") with OrdStatus=New and no LastQty, which is read by its
 * OrdStatus instead.
 */
export function mapExecutionReport(fields: FixFields, defaultVenue: string): FixMapping {
  const clientOrderId = fields.ClOrdID?.trim();
  if (!clientOrderId) return invalid('ExecutionReport without ClOrdID (11)');
  const at = eventTime(fields);
  if (at === null) return invalid(`ExecutionReport for ${clientOrderId} without a readable TransactTime or SendingTime`);
  const base = { clientOrderId, brokerOrderId: brokerOrderId(fields), at };
  const execType = fields.ExecType;
  const lastQty = fixDecimal(fields.LastQty);

  if (execType !== undefined && TRADE_TYPES.includes(execType) && lastQty !== null && isPositive(lastQty)) {
    const executionId = fields.ExecID?.trim();
    if (!executionId) return invalid(`fill for ${clientOrderId} without ExecID (17)`);
    const price = fixDecimal(fields.LastPx);
    if (price === null) return invalid(`fill ${executionId} for ${clientOrderId} without a plain decimal LastPx (31)`);
    const leaves = fixDecimal(fields.LeavesQty);
    const complete = fields.OrdStatus === ORD_STATUS.filled || (leaves !== null && !isPositive(leaves));
    const venue = fields.LastMkt?.trim() || defaultVenue;
    return reportOf({ ...base, kind: complete ? 'fill' : 'partial_fill', executionId, qty: lastQty, price, venue });
  }

  switch (execType !== undefined && TRADE_TYPES.includes(execType) ? statusAsExecType(fields.OrdStatus) : execType) {
    case EXEC_TYPE.new:
      return reportOf({ ...base, kind: 'acknowledged', venueStatus: 'new' });
    case EXEC_TYPE.pendingNew:
      return reportOf({ ...base, kind: 'acknowledged', venueStatus: 'accepted' });
    case EXEC_TYPE.rejected:
      return reportOf({ ...base, kind: 'rejected', reason: reasonText(fields, fields.OrdRejReason, 'OrdRejReason', ORD_REJ_REASON) });
    case EXEC_TYPE.canceled:
      // The cancel's own ClOrdID is in ClOrdID; our order is OrigClOrdID.
      return reportOf({ ...base, clientOrderId: fields.OrigClOrdID?.trim() || clientOrderId, kind: 'canceled', reason: fields.Text?.trim() || null });
    case EXEC_TYPE.expired:
      return reportOf({ ...base, kind: 'expired' });
    case EXEC_TYPE.replaced: {
      const original = fields.OrigClOrdID?.trim();
      if (!original) return invalid(`Replaced report for ${clientOrderId} without OrigClOrdID (41)`);
      return reportOf({ ...base, clientOrderId: original, kind: 'replaced', replacementClientOrderId: clientOrderId });
    }
    default:
      return ignored(`ExecType ${execType ?? '(missing)'} / OrdStatus ${fields.OrdStatus ?? '(missing)'} changes nothing we report`);
  }
}

/** A Trade report without a quantity: what its OrdStatus says. */
function statusAsExecType(ordStatus: string | undefined): string | undefined {
  return ordStatus === ORD_STATUS.new ? EXEC_TYPE.new : undefined;
}
