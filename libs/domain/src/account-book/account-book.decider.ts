import { Decider } from '../shared/decider';
import { isIsoTime } from '../shared/iso-time';
import { RiskEngine, createRiskEngine } from '../risk/risk-engine';
import { RiskRule } from '../risk/risk-rule';
import { AccountMismatchError, InvalidCommandError, UnknownCommandError } from './account-book.errors';
import { AccountBookCommand } from './account-book.commands';
import { AccountBookEvent } from './account-book.events';
import { evolveAccountBook } from './account-book.evolve';
import { AccountBookState, initialAccountBookState } from './account-book.state';
import { decideCancelAllOrders } from './decisions/cancel-all-orders.decision';
import { decideCancelOrder } from './decisions/cancel-order.decision';
import { decideExecutionReport } from './decisions/execution-report.decision';
import { decideOpenAccount } from './decisions/open-account.decision';
import { decidePlaceOrder } from './decisions/place-order.decision';
import { decideReplaceOrder } from './decisions/replace-order.decision';
import { decideSetRiskLimits } from './decisions/set-risk-limits.decision';
import { decideSetTradingState } from './decisions/set-trading-state.decision';

export type AccountBookDecider = Decider<AccountBookCommand, AccountBookEvent, AccountBookState>;

export interface AccountBookDeciderOptions {
  /** The pre-trade rules, in the order they run. Defaults to `DEFAULT_RISK_RULES`. */
  readonly riskRules?: readonly RiskRule[];
}

/**
 * The decider of one account book. Refusals are events; a command already decided (same
 * command id) or a fill already applied (same execution id) decides nothing: `[]`. Only contract
 * violations by the caller throw (a `CodedError`).
 */
export function createAccountBookDecider(options: AccountBookDeciderOptions = {}): AccountBookDecider {
  const engine = createRiskEngine(options.riskRules);
  return {
    decide: (command, state) => decide(command, state, engine),
    evolve: evolveAccountBook,
    initialState: initialAccountBookState,
  };
}

export const accountBookDecider: AccountBookDecider = createAccountBookDecider();

function decide(command: AccountBookCommand, state: AccountBookState, engine: RiskEngine): AccountBookEvent[] {
  assertWellFormed(command);
  if (state.status === 'open' && state.accountId !== command.accountId) {
    throw new AccountMismatchError(`Command for account ${command.accountId} sent to the book of ${state.accountId}`, {
      commandAccountId: command.accountId,
      bookAccountId: state.accountId,
    });
  }
  if (state.recentCommandIds.includes(command.metadata.commandId)) return [];
  switch (command.type) {
    case 'OpenAccount':
      return decideOpenAccount(command, state);
    case 'SetRiskLimits':
      return decideSetRiskLimits(command, state);
    case 'SetTradingState':
      return decideSetTradingState(command, state);
    case 'PlaceOrder':
      return decidePlaceOrder(command, state, engine);
    case 'ReplaceOrder':
      return decideReplaceOrder(command, state, engine);
    case 'CancelOrder':
      return decideCancelOrder(command, state);
    case 'CancelAllOrders':
      return decideCancelAllOrders(command, state);
    case 'ApplyExecutionReport':
      return decideExecutionReport(command, state);
    default: {
      const unknown: never = command;
      throw new UnknownCommandError(`Unknown account-book command ${(unknown as { type: string }).type}`);
    }
  }
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0 && value.length <= 128;

/** Commands are built by our own code from validated envelopes: a malformed one is a bug. */
function assertWellFormed(command: AccountBookCommand): void {
  const metadata = command.metadata as Partial<AccountBookCommand['metadata']> | undefined;
  const problems: string[] = [];
  if (!nonEmpty(command.accountId)) problems.push('accountId');
  if (!metadata || !nonEmpty(metadata.commandId)) problems.push('metadata.commandId');
  if (!metadata || typeof metadata.correlationId !== 'string') problems.push('metadata.correlationId');
  if (!metadata || !isIsoTime(metadata.at)) problems.push('metadata.at');
  if ((command.type === 'PlaceOrder' || command.type === 'ReplaceOrder') && !nonEmpty(command.metadata?.orderId)) {
    problems.push('metadata.orderId');
  }
  if (problems.length > 0) {
    throw new InvalidCommandError(`Malformed ${String(command.type)} command: ${problems.join(', ')}`, { problems });
  }
}
