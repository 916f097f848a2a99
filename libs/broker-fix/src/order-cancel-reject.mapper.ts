import { FixFields } from './fix-fields';
import { CXL_REJ_REASON } from './fix-codes';
import { brokerOrderId, eventTime, FixMapping, invalid, reasonText, reportOf } from './fix-mapping';

/**
 * An OrderCancelReject (35=9), answer to a cancel or a replace request, as `cancel_rejected` on
 * our order (OrigClOrdID); the order stays as it was.
 */
export function mapOrderCancelReject(fields: FixFields): FixMapping {
  const clientOrderId = fields.OrigClOrdID?.trim();
  if (!clientOrderId) return invalid('OrderCancelReject without OrigClOrdID (41)');
  const at = eventTime(fields);
  if (at === null) return invalid(`OrderCancelReject for ${clientOrderId} without a readable TransactTime or SendingTime`);
  const refused = fields.CxlRejResponseTo === '2' ? 'replace refused' : 'cancel refused';
  const why = reasonText(fields, fields.CxlRejReason, 'CxlRejReason', CXL_REJ_REASON);
  return reportOf({
    kind: 'cancel_rejected',
    clientOrderId,
    brokerOrderId: brokerOrderId(fields),
    at,
    reason: why === null ? refused : `${refused}: ${why}`,
  });
}
