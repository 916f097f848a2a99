import { BrokerExecutionReport, BrokerOrder } from '@trading/broker-sdk';
import { IsoTime } from '@trading/domain';
import { SentRequest } from './sent-request';

/**
 * One line of the adapter's durable order journal. `submitted` and `replace_requested` are
 * written (and fsynced) before the request goes out, `request_sent` once the session has given
 * it a MsgSeqNum, `report` when a counterparty message about one of our orders is read.
 */
export type OrderJournalRecord =
  | { readonly type: 'submitted'; readonly order: BrokerOrder; readonly at: IsoTime }
  | { readonly type: 'replace_requested'; readonly clientOrderId: string; readonly replacement: BrokerOrder }
  | { readonly type: 'request_sent'; readonly seqNum: number; readonly request: SentRequest }
  /** A request the session refused to send (certainly not on the wire). */
  | { readonly type: 'request_unsent'; readonly request: SentRequest }
  /** `seqNum`: the counterparty's MsgSeqNum of the message the report came from. */
  | { readonly type: 'report'; readonly seqNum: number | null; readonly report: BrokerExecutionReport };

export type OrderJournalRecordType = OrderJournalRecord['type'];

const TYPES: readonly string[] = ['submitted', 'replace_requested', 'request_sent', 'request_unsent', 'report'] satisfies OrderJournalRecordType[];

/** A line of our own file, checked only for its shape: anything else means the file is damaged. */
export function isOrderJournalRecord(value: unknown): value is OrderJournalRecord {
  return typeof value === 'object' && value !== null && TYPES.includes(String((value as { type?: unknown }).type));
}
