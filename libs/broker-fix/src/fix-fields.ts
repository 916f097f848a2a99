/**
 * The fields of one received FIX message that the mappers read, by FIX field name, as the text
 * that travelled (never parsed to numbers: prices and quantities stay exact decimals).
 */
export type FixFields = Readonly<Partial<Record<FixFieldName, string>>>;

export const READ_FIELDS = [
  'MsgSeqNum',
  'PossDupFlag',
  'SendingTime',
  'OrigSendingTime',
  'ClOrdID',
  'OrigClOrdID',
  'OrderID',
  'ExecID',
  'ExecType',
  'OrdStatus',
  'Symbol',
  'Side',
  'OrderQty',
  'LastQty',
  'LastPx',
  'LastMkt',
  'LeavesQty',
  'CumQty',
  'TransactTime',
  'Text',
  'OrdRejReason',
  'CxlRejReason',
  'CxlRejResponseTo',
  'RefSeqNum',
  'RefMsgType',
  'RefTagID',
  'SessionRejectReason',
  'BusinessRejectReason',
  'BusinessRejectRefID',
] as const;

export type FixFieldName = (typeof READ_FIELDS)[number];
