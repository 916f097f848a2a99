import { MessageDefinition } from '@trading/messaging';
import {
  openAccountMessage,
  setGlobalTradingStateMessage,
  setRiskLimitsMessage,
  setTradingStateMessage,
} from './commands/account-commands.messages';
import { executionReportedMessage } from './commands/execution-reported.message';
import {
  cancelAllOrdersMessage,
  cancelOrderMessage,
  placeOrderMessage,
  replaceOrderMessage,
} from './commands/order-commands.messages';
import { accountBookEventMessages, globalTradingStateSetMessage } from './events/account-book-event.messages';

/** Every message of the order path, for `MessageRegistry.register(...TRADING_MESSAGES)`. */
export const TRADING_MESSAGES: readonly MessageDefinition[] = [
  placeOrderMessage,
  replaceOrderMessage,
  cancelOrderMessage,
  cancelAllOrdersMessage,
  openAccountMessage,
  setRiskLimitsMessage,
  setTradingStateMessage,
  setGlobalTradingStateMessage,
  executionReportedMessage,
  ...accountBookEventMessages,
  globalTradingStateSetMessage,
];

/** The account id of messages that belong to no account (global kill switch, market data). */
export const SYSTEM_ACCOUNT = 'system';
