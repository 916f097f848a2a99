import {
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';
import { Logger } from '@nestjs/common';
import { Clock, dec } from '@trading/domain';
import { AccountEventEnvelope, isAccountEvent } from '../events/account-event';
import { DeadLetterSink, ProjectionBatch, ProjectionRecord, ProjectionStore } from '../runtime/projection-store.port';
import { applyFillToPosition, FLAT_POSITION } from './position';
import { ACCOUNT_SK, fromAccountItem, fromPositionItem, positionSk, StoredAccount, StoredPosition, toPositionItem } from './position.item';
import { positionStepOf } from './position-step';
import { TableNameSource, tableNameSource } from './positions-table.source';

/** Account items remembered between batches; beyond this many the memory starts over. */
const MAX_CACHED_ACCOUNTS = 50_000;

/** Positions remembered likewise. */
const MAX_CACHED_POSITIONS = 200_000;

const positionKey = (table: string, accountId: string, symbol: string): string => `${table}\u0000${accountId}\u0000${symbol}`;

/** Optimistic writes that lose to a concurrent writer are retried this often within one batch. */
const MAX_CONFLICTS = 20;

/** A transaction takes 100 items: the account's and this many positions. */
const MAX_POSITIONS_PER_WRITE = 99;

/** A position as the write found it (its version is the condition) and as the write leaves it. */
interface PositionWrite {
  readonly original: StoredPosition;
  readonly next: StoredPosition;
}

/** One write of an account's stream: its seqs `firstSeq..lastSeq`, the cash after them if they set it, the positions they changed. */
interface PendingWrite {
  readonly accountId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly cash: string | null;
  readonly positions: readonly PositionWrite[];
}

class WriteConflictError extends Error {
  readonly code = 'READ_MODEL.WRITE_CONFLICT';
}

/**
 * The positions read model in DynamoDB. The account item (`sk = ACCOUNT`) holds the cash and the
 * last applied seq of the account's stream; an account's fills of a batch go in one transaction
 * that writes each position they changed (conditional on its `version`) and moves the account's
 * seq forward (conditional on none of them applied yet), so a redelivered fill changes nothing and
 * two instances never lose an update.
 */
export class PositionsStore implements ProjectionStore {
  private readonly logger = new Logger(PositionsStore.name);
  private readonly table: TableNameSource;
  /**
   * Account items as this instance last wrote them, by table and account: a batch starts from
   * here instead of reading the item. Safe with a concurrent writer: every write is conditional on
   * the seq, so one from a stale entry fails and the entry is dropped and read again.
   */
  private readonly accounts = new Map<string, StoredAccount>();
  /** Positions as this instance last wrote them, likewise (a stale one fails its version condition). */
  private readonly positions = new Map<string, StoredPosition>();

  /** `table`: a name, or a source followed batch by batch (the table a rebuild switched to). */
  constructor(
    private readonly client: DynamoDBClient,
    table: string | TableNameSource,
    private readonly clock: Clock,
    readonly name = 'positions',
  ) {
    this.table = tableNameSource(table);
  }

  async apply(batch: ProjectionBatch, deadLetter: DeadLetterSink): Promise<void> {
    const byAccount = new Map<string, ProjectionRecord[]>();
    for (const record of batch.records) {
      if (!isAccountEvent(record.envelope)) continue;
      const records = byAccount.get(record.envelope.accountId) ?? [];
      records.push(record);
      byAccount.set(record.envelope.accountId, records);
    }
    const table = await this.table.current();
    await Promise.all([...byAccount].map(([accountId, records]) => this.applyStream(table, accountId, records, deadLetter)));
  }

  isPermanent(error: unknown): boolean {
    return (error as { name?: unknown } | null)?.name === 'ValidationException';
  }

  private async applyStream(table: string, accountId: string, records: readonly ProjectionRecord[], deadLetter: DeadLetterSink): Promise<void> {
    const key = `${table}\u0000${accountId}`;
    const cached = this.accounts.get(key);
    this.accounts.delete(key);
    const account = cached ?? (await this.readAccount(table, accountId));
    const after = await this.applyStreamFrom(table, account, records, deadLetter);
    if (after === null) return;
    if (this.accounts.size >= MAX_CACHED_ACCOUNTS) this.accounts.clear();
    this.accounts.set(key, after);
  }

  /**
   * The account as it is after the records, or null when that is unknown (another writer got
   * further). The records go in as few writes as they fit: each write moves the account's seq and
   * puts every position its fills changed, in one transaction (a write per fill made the catch-up
   * after a burst one round trip per fill).
   */
  private async applyStreamFrom(
    table: string,
    start: StoredAccount,
    records: readonly ProjectionRecord[],
    deadLetter: DeadLetterSink,
  ): Promise<StoredAccount | null> {
    let account = start;
    const parked = new Set<number>();
    for (let conflicts = 0; ; ) {
      const write = await this.nextWrite(table, account, records, deadLetter, parked);
      if (write === null) return account;
      const failed = write.positions.length === 0 ? await this.advance(table, write) : await this.writeFills(table, write);
      if (failed === null) {
        if (this.positions.size >= MAX_CACHED_POSITIONS) this.positions.clear();
        for (const { next } of write.positions) this.positions.set(positionKey(table, next.accountId, next.symbol), next);
        account = { ...account, lastSeq: write.lastSeq, cash: write.cash ?? account.cash, version: account.version + 1 };
        continue;
      }
      // advancing only: it failed because another writer is at this seq or further
      if (write.positions.length === 0) return null;
      conflicts += 1;
      if (conflicts >= MAX_CONFLICTS) {
        throw new WriteConflictError(`seq ${write.firstSeq} of ${account.accountId} lost ${MAX_CONFLICTS} optimistic writes in a row`);
      }
      for (const { original } of write.positions) this.positions.delete(positionKey(table, original.accountId, original.symbol));
      if (failed === 'account') account = await this.readAccount(table, account.accountId);
    }
  }

  /** The next write: the records past the account's seq, up to the most positions one transaction takes; null when none are left. */
  private async nextWrite(
    table: string,
    account: StoredAccount,
    records: readonly ProjectionRecord[],
    deadLetter: DeadLetterSink,
    parked: Set<number>,
  ): Promise<PendingWrite | null> {
    const touched = new Map<string, PositionWrite>();
    let firstSeq: number | null = null;
    let lastSeq = account.lastSeq;
    let cash: string | null = null;
    for (const record of records) {
      const envelope = record.envelope as AccountEventEnvelope;
      if (envelope.seq <= lastSeq) continue;
      const step = positionStepOf(envelope);
      if (step.kind === 'fill') {
        const written = touched.get(step.symbol);
        if (!written && touched.size >= MAX_POSITIONS_PER_WRITE) break;
        const current =
          written?.next ?? this.positions.get(positionKey(table, account.accountId, step.symbol)) ?? (await this.readPosition(table, account.accountId, step.symbol));
        const original = written?.original ?? current;
        const next: StoredPosition = {
          ...current,
          position: applyFillToPosition(current.position, step.fill),
          lastSeq: step.seq,
          lastExecutionId: step.executionId,
          version: original.version + 1,
        };
        if (!dec(next.position.qty).eq(step.positionQty)) {
          this.logger.warn(`position ${account.accountId}/${step.symbol} is ${next.position.qty} after seq ${step.seq}, the OMS says ${step.positionQty}`);
        }
        touched.set(step.symbol, { original, next });
        cash = step.cash;
      } else {
        if (step.kind === 'unappliable' && !parked.has(step.seq)) {
          parked.add(step.seq);
          await deadLetter(record, { code: 'MESSAGING.PROCESSING_FAILED', reason: `${step.code}: ${step.reason}` });
        }
        if (step.kind === 'cash') cash = step.cash;
      }
      firstSeq ??= step.seq;
      lastSeq = step.seq;
    }
    return firstSeq === null ? null : { accountId: account.accountId, firstSeq, lastSeq, cash, positions: [...touched.values()] };
  }

  /** null: written; otherwise which condition failed. */
  private async writeFills(table: string, write: PendingWrite): Promise<'position' | 'account' | null> {
    const now = this.clock.now().toISOString();
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            ...write.positions.map(({ original, next }) => ({
              Put: {
                TableName: table,
                Item: toPositionItem(next, now),
                ConditionExpression: original.version === 0 ? 'attribute_not_exists(sk)' : '#version = :expected',
                ...(original.version === 0
                  ? {}
                  : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': { N: String(original.version) } } }),
              },
            })),
            {
              Update: {
                TableName: table,
                Key: { accountId: { S: write.accountId }, sk: { S: ACCOUNT_SK } },
                UpdateExpression: `SET #lastSeq = :seq, updatedAt = :now${write.cash === null ? '' : ', cash = :cash'} ADD #version :one`,
                // none of this write's events may have been applied by another writer
                ConditionExpression: 'attribute_not_exists(#lastSeq) OR #lastSeq < :first',
                ExpressionAttributeNames: { '#lastSeq': 'lastSeq', '#version': 'version' },
                ExpressionAttributeValues: {
                  ':seq': { N: String(write.lastSeq) },
                  ':first': { N: String(write.firstSeq) },
                  ':now': { S: now },
                  ':one': { N: '1' },
                  ...(write.cash === null ? {} : { ':cash': { S: write.cash } }),
                },
              },
            },
          ],
        }),
      );
      return null;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[write.positions.length]?.Code === 'ConditionalCheckFailed') return 'account';
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return 'position';
      throw error;
    }
  }

  /** Moves the stream's seq past events that change no position (and sets the opening cash); 'account': another writer was further. */
  private async advance(table: string, write: PendingWrite): Promise<'account' | null> {
    const { accountId, lastSeq: seq, cash } = write;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { accountId: { S: accountId }, sk: { S: ACCOUNT_SK } },
          UpdateExpression: `SET #lastSeq = :seq, updatedAt = :now${cash === null ? '' : ', cash = :cash'} ADD #version :one`,
          ConditionExpression: 'attribute_not_exists(#lastSeq) OR #lastSeq < :seq',
          ExpressionAttributeNames: { '#lastSeq': 'lastSeq', '#version': 'version' },
          ExpressionAttributeValues: {
            ':seq': { N: String(seq) },
            ':now': { S: this.clock.now().toISOString() },
            ':one': { N: '1' },
            ...(cash === null ? {} : { ':cash': { S: cash } }),
          },
        }),
      );
      return null;
    } catch (error) {
      // another instance got further: it has applied these too
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return 'account';
    }
  }

  private async readAccount(table: string, accountId: string): Promise<StoredAccount> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: table, Key: { accountId: { S: accountId }, sk: { S: ACCOUNT_SK } }, ConsistentRead: true }),
    );
    return fromAccountItem(accountId, Item);
  }

  private async readPosition(table: string, accountId: string, symbol: string): Promise<StoredPosition> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: table, Key: { accountId: { S: accountId }, sk: { S: positionSk(symbol) } }, ConsistentRead: true }),
    );
    return Item ? fromPositionItem(Item) : { accountId, symbol, position: FLAT_POSITION, lastSeq: 0, lastExecutionId: null, version: 0 };
  }
}
