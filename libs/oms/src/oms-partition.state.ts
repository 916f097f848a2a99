import { AccountBookState, TradingState } from '@trading/domain';

export interface AccountEntry {
  readonly book: AccountBookState;
  /** Events in the account's stream so far: the next event gets `seq + 1`. */
  readonly seq: number;
}

/** Everything one OMS partition knows: the books of its accounts and the global kill switch. */
export interface OmsPartitionState {
  readonly accounts: ReadonlyMap<string, AccountEntry>;
  readonly globalTradingState: TradingState;
  /** Events in the partition's system stream (global kill switch). */
  readonly systemSeq: number;
}

export const emptyOmsPartitionState = (): OmsPartitionState => ({
  accounts: new Map(),
  globalTradingState: 'ACTIVE',
  systemSeq: 0,
});

export const accountStreamId = (accountId: string): string => `account-${accountId}`;
