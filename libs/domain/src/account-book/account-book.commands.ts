import { ApplyExecutionReport } from './commands/apply-execution-report.command';
import { CancelAllOrders } from './commands/cancel-all-orders.command';
import { CancelOrder } from './commands/cancel-order.command';
import { OpenAccount } from './commands/open-account.command';
import { PlaceOrder } from './commands/place-order.command';
import { ReplaceOrder } from './commands/replace-order.command';
import { SetRiskLimits } from './commands/set-risk-limits.command';
import { SetTradingState } from './commands/set-trading-state.command';

export type AccountBookCommand =
  | OpenAccount
  | SetRiskLimits
  | SetTradingState
  | PlaceOrder
  | ReplaceOrder
  | CancelOrder
  | CancelAllOrders
  | ApplyExecutionReport;

export type AccountBookCommandType = AccountBookCommand['type'];
