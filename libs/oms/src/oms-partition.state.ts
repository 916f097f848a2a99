import { AccountBookState, PersistentRecord, TradingState } from '@trading/domain';

export interface AccountEntry {
  readonly book: AccountBookState;
  /** Events in the account's stream so far: the next event gets `seq + 1`. */
  readonly seq: number;
}

/** Everything one OMS partition knows: the books of its accounts and the global kill switch. */
export interface OmsPartitionState {
  /** By account id; every event sets one, so a copy per event would cost the whole partition. */
  readonly accounts: PersistentRecord<AccountEntry>;
  readonly globalTradingState: TradingState;
  /** Events in the partition's system stream (global kill switch). */
  readonly systemSeq: number;
}

export const emptyOmsPartitionState = (): OmsPartitionState => ({
  accounts: PersistentRecord.empty(),
  globalTradingState: 'ACTIVE',
  systemSeq: 0,
});

export const accountStreamId = (accountId: string): string => `account-${accountId}`;
