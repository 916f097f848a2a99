import { IsoTime } from '@trading/domain';
import { FixFields } from './fix-fields';
import { BUSINESS_REJECT_REASON, MSG_TYPE, SESSION_REJECT_REASON } from './fix-codes';
import { eventTime, FixMapping, invalid, reasonText, reportOf } from './fix-mapping';
import { SentRequest } from './sent-request';

/**
 * A session Reject (35=3) or BusinessMessageReject (35=j) of one of our requests. These carry
 * no order ids, only the RefSeqNum of what they refuse, which the adapter resolves to the request
 * it sent under that number. A refused order is `rejected`; a refused cancel or replace leaves
 * the order as it was: `cancel_rejected`.
 */
export function mapRequestReject(fields: FixFields, msgType: string, request: SentRequest, receivedAt: IsoTime): FixMapping {
  const at = eventTime(fields) ?? receivedAt;
  const why = describe(fields, msgType);
  if (why === null) return invalid(`message type ${msgType} is not a reject`);
  const base = { clientOrderId: request.clientOrderId, brokerOrderId: null, at };
  if (request.kind === 'submit') return reportOf({ ...base, kind: 'rejected', reason: why });
  return reportOf({ ...base, kind: 'cancel_rejected', reason: `${request.kind} refused: ${why}` });
}

function describe(fields: FixFields, msgType: string): string | null {
  if (msgType === MSG_TYPE.reject) {
    const why = reasonText(fields, fields.SessionRejectReason, 'SessionRejectReason', SESSION_REJECT_REASON) ?? 'session reject';
    return fields.RefTagID ? `${why} (tag ${fields.RefTagID})` : why;
  }
  if (msgType === MSG_TYPE.businessMessageReject) {
    return reasonText(fields, fields.BusinessRejectReason, 'BusinessRejectReason', BUSINESS_REJECT_REASON) ?? 'business reject';
  }
  return null;
}
