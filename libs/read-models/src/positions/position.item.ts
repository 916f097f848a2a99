import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DecimalString } from '@trading/domain';
import { Position, positionSide } from './position';

export const ACCOUNT_SK = 'ACCOUNT';
export const positionSk = (symbol: string): string => `POSITION#${symbol}`;

type Item = Record<string, AttributeValue>;

/** A position as stored: decimals as strings (never through JS numbers), `version` for optimistic writes. */
export interface StoredPosition {
  readonly accountId: string;
  readonly symbol: string;
  readonly position: Position;
  /** Stream seq of the fill that last changed it. */
  readonly lastSeq: number;
  readonly lastExecutionId: string | null;
  /** 0: no item yet. */
  readonly version: number;
}

export interface StoredAccount {
  readonly accountId: string;
  readonly cash: DecimalString | null;
  readonly lastSeq: number;
  readonly version: number;
}

const s = (item: Item, name: string): string | undefined => item[name]?.S;
const n = (item: Item, name: string): number => Number(item[name]?.N ?? '0');

export function toPositionItem(stored: StoredPosition, updatedAt: string): Item {
  const { position } = stored;
  return {
    accountId: { S: stored.accountId },
    sk: { S: positionSk(stored.symbol) },
    symbol: { S: stored.symbol },
    qty: { S: position.qty },
    side: { S: positionSide(position) },
    avgEntryPrice: { S: position.avgEntryPrice },
    costBasis: { S: position.costBasis },
    realizedPnl: { S: position.realizedPnl },
    lastSeq: { N: String(stored.lastSeq) },
    ...(stored.lastExecutionId ? { lastExecutionId: { S: stored.lastExecutionId } } : {}),
    version: { N: String(stored.version) },
    updatedAt: { S: updatedAt },
  };
}

export function fromPositionItem(item: Item): StoredPosition {
  return {
    accountId: s(item, 'accountId') ?? '',
    symbol: s(item, 'symbol') ?? '',
    position: {
      qty: s(item, 'qty') ?? '0',
      avgEntryPrice: s(item, 'avgEntryPrice') ?? '0.00',
      costBasis: s(item, 'costBasis') ?? '0.00',
      realizedPnl: s(item, 'realizedPnl') ?? '0.00',
    },
    lastSeq: n(item, 'lastSeq'),
    lastExecutionId: s(item, 'lastExecutionId') ?? null,
    version: n(item, 'version'),
  };
}

export function fromAccountItem(accountId: string, item: Item | undefined): StoredAccount {
  if (!item) return { accountId, cash: null, lastSeq: 0, version: 0 };
  return { accountId, cash: s(item, 'cash') ?? null, lastSeq: n(item, 'lastSeq'), version: n(item, 'version') };
}
