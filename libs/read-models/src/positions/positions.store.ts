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
import { PositionStep, positionStepOf } from './position-step';
import { TableNameSource, tableNameSource } from './positions-table.source';

/** Account items remembered between batches; beyond this many the memory starts over. */
const MAX_CACHED_ACCOUNTS = 50_000;

/** Optimistic writes that lose to a concurrent writer are retried this often within one batch. */
const MAX_CONFLICTS = 20;

class WriteConflictError extends Error {
  readonly code = 'READ_MODEL.WRITE_CONFLICT';
}

/**
 * The positions read model in DynamoDB. The account item (`sk = ACCOUNT`) holds the cash and the
 * last applied seq of the account's stream; each fill is one transaction that writes the position
 * (conditional on its `version`) and moves the account's seq forward (conditional on it being
 * older), so a redelivered fill changes nothing and two instances never lose an update.
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

  /** The account as it is after the records, or null when that is unknown (another writer got further). */
  private async applyStreamFrom(
    table: string,
    start: StoredAccount,
    records: readonly ProjectionRecord[],
    deadLetter: DeadLetterSink,
  ): Promise<StoredAccount | null> {
    const accountId = start.accountId;
    let account = start;
    let pending = null as { readonly seq: number; readonly cash: string | null } | null;
    const positions = new Map<string, StoredPosition>();
    for (const record of records) {
      const envelope = record.envelope as AccountEventEnvelope;
      if (envelope.seq <= account.lastSeq || envelope.seq <= (pending?.seq ?? 0)) continue;
      const step = positionStepOf(envelope);
      if (step.kind === 'fill') {
        const applied = await this.applyFill(table, account, step, positions);
        account = applied;
        pending = null;
        continue;
      }
      if (step.kind === 'unappliable') await deadLetter(record, { code: 'MESSAGING.PROCESSING_FAILED', reason: `${step.code}: ${step.reason}` });
      pending = { seq: step.seq, cash: step.kind === 'cash' ? step.cash : (pending?.cash ?? null) };
    }
    if (!pending) return account;
    const advanced = await this.advance(table, accountId, pending.seq, pending.cash);
    return advanced ? { ...account, lastSeq: pending.seq, cash: pending.cash ?? account.cash, version: account.version + 1 } : null;
  }

  /** Returns the account as it is after the fill (or after whoever applied it first). */
  private async applyFill(
    table: string,
    account: StoredAccount,
    step: Extract<PositionStep, { kind: 'fill' }>,
    cache: Map<string, StoredPosition>,
  ): Promise<StoredAccount> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const current = cache.get(step.symbol) ?? (await this.readPosition(table, account.accountId, step.symbol));
      const next: StoredPosition = {
        ...current,
        position: applyFillToPosition(current.position, step.fill),
        lastSeq: step.seq,
        lastExecutionId: step.executionId,
        version: current.version + 1,
      };
      if (!dec(next.position.qty).eq(step.positionQty)) {
        this.logger.warn(`position ${account.accountId}/${step.symbol} is ${next.position.qty} after seq ${step.seq}, the OMS says ${step.positionQty}`);
      }
      const failed = await this.writeFill(table, account.accountId, current, next, step);
      if (failed === null) {
        cache.set(step.symbol, next);
        return { ...account, cash: step.cash, lastSeq: step.seq, version: account.version + 1 };
      }
      cache.delete(step.symbol);
      if (failed === 'account') {
        const fresh = await this.readAccount(table, account.accountId);
        if (fresh.lastSeq >= step.seq) return fresh;
      }
    }
    throw new WriteConflictError(`fill seq ${step.seq} of ${account.accountId} lost ${MAX_CONFLICTS} optimistic writes in a row`);
  }

  /** null: written; otherwise which condition failed. */
  private async writeFill(
    table: string,
    accountId: string,
    current: StoredPosition,
    next: StoredPosition,
    step: Extract<PositionStep, { kind: 'fill' }>,
  ): Promise<'position' | 'account' | null> {
    const now = this.clock.now().toISOString();
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: toPositionItem(next, now),
                ConditionExpression: current.version === 0 ? 'attribute_not_exists(sk)' : '#version = :expected',
                ...(current.version === 0
                  ? {}
                  : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': { N: String(current.version) } } }),
              },
            },
            {
              Update: {
                TableName: table,
                Key: { accountId: { S: accountId }, sk: { S: ACCOUNT_SK } },
                UpdateExpression: 'SET #lastSeq = :seq, cash = :cash, updatedAt = :now ADD #version :one',
                ConditionExpression: 'attribute_not_exists(#lastSeq) OR #lastSeq < :seq',
                ExpressionAttributeNames: { '#lastSeq': 'lastSeq', '#version': 'version' },
                ExpressionAttributeValues: { ':seq': { N: String(step.seq) }, ':cash': { S: step.cash }, ':now': { S: now }, ':one': { N: '1' } },
              },
            },
          ],
        }),
      );
      return null;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [position, account] = error.CancellationReasons ?? [];
      if (account?.Code === 'ConditionalCheckFailed') return 'account';
      if (position?.Code === 'ConditionalCheckFailed') return 'position';
      throw error;
    }
  }

  /** Moves the stream's seq past events that change no position (and sets the opening cash); false: another writer was further. */
  private async advance(table: string, accountId: string, seq: number, cash: string | null): Promise<boolean> {
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
      return true;
    } catch (error) {
      // another instance got further: it has applied these too
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
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
