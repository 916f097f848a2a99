import { DecimalString } from '../../decimal';
import { RiskLimits, RiskLimitsPatch } from '../../risk/risk-limits';
import { TradingState } from '../../risk/trading-state';
import { Refusal } from '../../shared/refusal';
import { AccountBookCommandType } from '../account-book.commands';
import { EventBase } from './event-base';

export interface AccountOpened extends EventBase {
  readonly type: 'AccountOpened';
  readonly cash: DecimalString;
  readonly limits: RiskLimits;
  readonly limitSetVersion: number;
  readonly tradingState: TradingState;
}

/** The whole limit set after the change, the fields that were set, and its new version. */
export interface RiskLimitsSet extends EventBase {
  readonly type: 'RiskLimitsSet';
  readonly limits: RiskLimits;
  readonly changes: RiskLimitsPatch;
  readonly limitSetVersion: number;
}

export interface TradingStateSet extends EventBase {
  readonly type: 'TradingStateSet';
  readonly tradingState: TradingState;
  readonly previousTradingState: TradingState;
  readonly reason: string;
}

/** An account-level command (open, limits, trading state, cancel all) that was refused. */
export interface CommandRejected extends EventBase {
  readonly type: 'CommandRejected';
  readonly commandType: AccountBookCommandType;
  readonly reason: Refusal;
}
