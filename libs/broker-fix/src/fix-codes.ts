import { OrderSide, OrderType, TimeInForce } from '@trading/domain';

/** FIX 4.4 enumerations the adapter writes and reads (tag values as they travel). */
export const FIX_SIDE: Readonly<Record<OrderSide, string>> = { buy: '1', sell: '2' };

export const FIX_ORD_TYPE: Readonly<Record<OrderType, string>> = { market: '1', limit: '2', stop: '3', stop_limit: '4' };

export const FIX_TIME_IN_FORCE: Readonly<Record<TimeInForce, string>> = { day: '0', gtc: '1', ioc: '3', fok: '4' };

export const EXEC_TYPE = {
  new: '0',
  /** FIX 4.2 partial fill / fill; FIX 4.4 reports both as Trade (F). */
  partialFill42: '1',
  fill42: '2',
  doneForDay: '3',
  canceled: '4',
  replaced: '5',
  pendingCancel: '6',
  rejected: '8',
  pendingNew: 'A',
  expired: 'C',
  pendingReplace: 'E',
  trade: 'F',
  orderStatus: 'I',
} as const;

export const ORD_STATUS = { new: '0', partiallyFilled: '1', filled: '2' } as const;

export const MSG_TYPE = {
  executionReport: '8',
  orderCancelReject: '9',
  reject: '3',
  businessMessageReject: 'j',
  newOrderSingle: 'D',
  orderCancelRequest: 'F',
  orderCancelReplaceRequest: 'G',
} as const;

/** OrdRejReason (103), CxlRejReason (102), SessionRejectReason (373), BusinessRejectReason (380). */
export const ORD_REJ_REASON: Readonly<Record<string, string>> = {
  '0': 'broker option',
  '1': 'unknown symbol',
  '2': 'exchange closed',
  '3': 'order exceeds limit',
  '4': 'too late to enter',
  '5': 'unknown order',
  '6': 'duplicate order',
  '11': 'unsupported order characteristic',
  '13': 'incorrect quantity',
  '99': 'other',
};

export const CXL_REJ_REASON: Readonly<Record<string, string>> = {
  '0': 'too late to cancel',
  '1': 'unknown order',
  '2': 'broker option',
  '3': 'order already in pending cancel or pending replace status',
  '6': 'duplicate ClOrdID received',
  '99': 'other',
};

export const SESSION_REJECT_REASON: Readonly<Record<string, string>> = {
  '0': 'invalid tag number',
  '1': 'required tag missing',
  '2': 'tag not defined for this message type',
  '3': 'undefined tag',
  '4': 'tag specified without a value',
  '5': 'value is incorrect (out of range) for this tag',
  '6': 'incorrect data format for value',
  '11': 'invalid MsgType',
  '13': 'tag appears more than once',
};

export const BUSINESS_REJECT_REASON: Readonly<Record<string, string>> = {
  '0': 'other',
  '1': 'unknown ID',
  '2': 'unknown security',
  '3': 'unsupported message type',
  '4': 'application not available',
  '5': 'conditionally required field missing',
  '6': 'not authorized',
};
