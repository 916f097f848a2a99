import { TradingState } from '../../risk/trading-state';
import { CommandMetadata } from './command-metadata';

/** The account's kill switch. */
export interface SetTradingState {
  readonly type: 'SetTradingState';
  readonly accountId: string;
  readonly tradingState: TradingState;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
