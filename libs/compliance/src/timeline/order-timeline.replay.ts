import { AccountBookEvent, Order } from '@trading/domain';
import { EventEnvelope, MessageRegistry } from '@trading/messaging';
import { ArchivedRecord, ArchiveProgress, ArchiveSource } from '../archive/archive-source.port';
import { OrderNotArchivedError } from '../compliance.errors';
import { decodeArchived, DecodedRecord } from '../replay/decoded-record';
import { END_OF_TIME_MS, replayState } from '../replay/state-replay';
import { concernsOrder, decisionDetails, isOrderEvent } from './order-matching';
import { OrderTimeline, TimelineEntry, TimelineKind, traceIdOf } from './timeline-entry';

export interface TimelineTopics {
  readonly orderEvents: string;
  readonly commands: string;
  readonly executions: string;
  readonly executionJournal: string;
}

export interface OrderTimelineInput {
  readonly source: ArchiveSource;
  readonly registry: MessageRegistry;
  readonly topics: TimelineTopics;
  readonly orderId: string;
  /** The order's account if known; otherwise the order events are searched for it first. */
  readonly accountId: string | null;
  /** Entries outside [from, to) are left out (the fold still starts at the beginning). */
  readonly from?: Date;
  readonly to?: Date;
  readonly onProgress?: ArchiveProgress;
}

function entryOf(decoded: DecodedRecord, kind: TimelineKind, status: Order['status'] | null, details: unknown): TimelineEntry {
  const { record, envelope } = decoded;
  return {
    at: envelope.occurredAt, kind, type: envelope.type, topic: record.topic, partition: record.partition, offset: record.offset,
    eventId: envelope.eventId, seq: envelope.seq, correlationId: envelope.correlationId, causationId: envelope.causationId,
    traceId: traceIdOf(record.headers), status, details,
  };
}

/**
 * One order's full timeline from the archive: every command about it, every decision (with its
 * recorded risk inputs or refusal reason and the status after it, folded with the domain's
 * evolve), every execution report and every execution-journal entry, in time order.
 */
export async function replayOrderTimeline(input: OrderTimelineInput): Promise<OrderTimeline> {
  const { source, registry, topics, orderId } = input;
  const accountId = input.accountId ?? (await findAccount(input));
  const decisions: TimelineEntry[] = [];
  const causes = new Set<string>();
  await replayState({
    source, registry, orderEventsTopic: topics.orderEvents, onProgress: input.onProgress,
    filter: { accountIds: new Set([accountId]), symbols: null, asOf: new Date(END_OF_TIME_MS) },
    observe: (decoded, after) => {
      if (!isOrderEvent(decoded.envelope, orderId)) return;
      if (decoded.envelope.causationId) causes.add(decoded.envelope.causationId);
      const order = after.book.status === 'open' ? after.book.orders.get(orderId) : undefined;
      decisions.push(entryOf(decoded, 'decision', order?.status ?? null, decisionDetails(decoded.envelope.payload as AccountBookEvent)));
    },
  });
  if (decisions.length === 0) throw new OrderNotArchivedError(`order ${orderId} of account ${accountId} is not in the archive`, { orderId, accountId });

  const kinds = new Map<string, TimelineKind>([[topics.commands, 'command'], [topics.executions, 'execution-report'], [topics.executionJournal, 'journal']]);
  const others: TimelineEntry[] = [];
  for await (const record of source.records({ topics: [...kinds.keys()] }, input.onProgress)) {
    if (record.accountId !== accountId) continue;
    const decoded = tryDecode(registry, record);
    if (decoded && concernsOrder(decoded.envelope, orderId, causes)) {
      others.push(entryOf(decoded, kinds.get(record.topic) ?? 'command', null, decoded.envelope.payload));
    }
  }
  const from = input.from?.getTime() ?? -Infinity;
  const to = input.to?.getTime() ?? Infinity;
  const entries = [...others, ...decisions]
    .filter((entry) => Date.parse(entry.at) >= from && Date.parse(entry.at) < to)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b));
  return { orderId, accountId, entries };
}

/** Within one instant: the command, then the decision, then what the execution service did about it. */
const RANK: Readonly<Record<TimelineKind, number>> = { command: 0, 'execution-report': 0, decision: 1, journal: 2 };
const rank = (entry: TimelineEntry): number => RANK[entry.kind];

/** Commands from outside may be undecodable (they were dead-lettered): they cannot concern a known order. */
function tryDecode(registry: MessageRegistry, record: ArchivedRecord): DecodedRecord | null {
  const decoded = registry.decode(record.value);
  return decoded.ok ? { record, envelope: decoded.envelope } : null;
}

async function findAccount(input: OrderTimelineInput): Promise<string> {
  const needle = Buffer.from(JSON.stringify(input.orderId));
  for await (const record of input.source.records({ topics: [input.topics.orderEvents] })) {
    // a cheap byte search spares decoding every event of every account
    if (!record.value?.includes(needle)) continue;
    const envelope: EventEnvelope = decodeArchived(input.registry, record).envelope;
    if (isOrderEvent(envelope, input.orderId)) return envelope.accountId;
  }
  throw new OrderNotArchivedError(`order ${input.orderId} is not in the archive`, { orderId: input.orderId });
}
