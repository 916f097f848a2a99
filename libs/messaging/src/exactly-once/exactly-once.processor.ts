import { Logger } from '@nestjs/common';
import { Context, context } from '@opentelemetry/api';
import { ConsumerLagMonitor, inConsumerSpan, TradingMetrics } from '@trading/observability';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Message, Producer, Transaction } from 'kafkajs';
import { EventEnvelope } from '../envelope/event-envelope';
import { DeadLetterPublisher } from '../kafka/dead-letter.publisher';
import { encodeEnvelope } from '../kafka/envelope.codec';
import { MessageRegistry } from '../registry/message-registry';
import { extractTraceContext } from '../trace/trace-context';
import { CoPartitionAssigner } from './co-partition.assigner';
import { CommittedOutputsFeed } from './committed-outputs.feed';
import { CONSUMED_HEADER, encodeConsumedPositions, furthestPositions } from './consumed-positions';
import { PartitionProgram, ProgramStep } from './partition-program';
import { loadPartitionStates } from './partition-state.loader';

export interface ExactlyOnceProcessorOptions {
  readonly groupId: string;
  /** Co-partitioned inputs: partition N of each is owned by the same member. */
  readonly inputTopics: readonly string[];
  /** The program's log of record; same partition count as the inputs. */
  readonly outputTopic: string;
  /** `<prefix>-<partition>` is the transactional id of partition N's only writer. */
  readonly transactionalIdPrefix: string;
  /** Input batches handled at once (default 16); batches of one partition number never overlap. */
  readonly concurrency?: number;
  /** Most inputs decided in one transaction (default 200). */
  readonly maxInputsPerTransaction?: number;
  /** Inputs queued per partition beyond which the fetch waits for the transactions (default 5,000). */
  readonly maxQueuedInputs?: number;
  /**
   * How often a transaction with outputs also commits the group's offsets (default 1,000 ms). In
   * between, its outputs' `eo-consumed` header is the record of what was consumed; a partition that
   * goes quiet commits them in a transaction of their own once the interval has passed.
   */
  readonly offsetsCommitIntervalMs?: number;
  /** Told every committed transaction's outputs, before they are readable from the log. */
  readonly committedOutputs?: CommittedOutputsFeed;
}

/**
 * The broker answers CONCURRENT_TRANSACTIONS while it still writes the markers of the previous
 * commit, which is the normal case for back-to-back transactions. kafkajs's default first retry
 * after 300 ms put hundreds of ms on the p90 of a decision; retrying from 2 ms costs a few ms.
 * Real failures still back off exponentially (about 4 s in all).
 */
const TRANSACTION_RETRY = { initialRetryTime: 2, maxRetryTime: 1000, retries: 14 } as const;

/** The outputs of one input, and the context of its consumer span (their parent). */
interface TracedOutputs {
  readonly traceContext: Context;
  readonly outputs: EventEnvelope[];
}

/** After a failed transaction, the partition is taken over again (fence, rebuild) after this pause. */
const RETAKE_DELAY_MS = 500;

/**
 * A transaction whose records were all acknowledged, that then failed adding its offsets (the
 * broker's CONCURRENT_TRANSACTIONS on AddOffsetsToTxn while the previous commit's markers are
 * written, which kafkajs does not retry there) and was aborted cleanly: nothing of it landed, the
 * producer is still the partition's writer, so it is retried in place, this often, before the
 * partition is taken over.
 */
const IN_PLACE_RETRIES = 3;
const IN_PLACE_RETRY_DELAY_MS = 10;

class TransactionAborted extends Error {
  constructor(cause: unknown) {
    super(`transaction aborted before commit: ${String(cause)}`, { cause });
  }
}

interface QueuedInput {
  readonly topic: string;
  readonly offset: bigint;
  readonly message: KafkaMessage;
}

/** Inputs of one partition number fetched but not yet committed, in fetch order, while it is assigned. */
interface PartitionWork {
  queue: QueuedInput[];
  /** Per input topic, the offset after the last one queued: a rebalance's re-fetch is not queued twice. */
  readonly queuedUpTo: Map<string, bigint>;
  draining: Promise<void> | undefined;
  stopped: boolean;
  /** Fetches waiting for the queue to shrink; woken after every transaction. */
  readonly waiting: (() => void)[];
}

function wake(work: PartitionWork): void {
  for (const resolve of work.waiting.splice(0)) resolve();
}

interface PartitionOwner<State> {
  readonly producer: Producer;
  state: State;
  /**
   * Per input topic, the first offset not yet decided: after fencing, the further of the group's
   * committed offset and the log of record's last `eo-consumed` header, then advanced by every
   * commit. The consumer can be handed an older position (the group's offsets lag by up to
   * `offsetsCommitIntervalMs`, or a rebalance raced the last commit); inputs below this were
   * decided already and are skipped, not decided twice.
   */
  readonly nextOffsets: Map<string, bigint>;
  /** When the group's offsets were last committed in a transaction (monotonic ms). */
  offsetsCommittedAt: number;
  /** A transaction committed since then without them: the group's offsets lag `nextOffsets`. */
  offsetsLag: boolean;
}

/**
 * Consume, decide, append: for every batch of input, the program's outputs and the consumed
 * offsets are written in one Kafka transaction, so a crash at any instant loses nothing and
 * appends nothing twice. The offsets ride as the `eo-consumed` header of the transaction's last
 * output; the group's offsets are committed in the transaction too, but only once per
 * `offsetsCommitIntervalMs` (two more round trips), and whenever the header cannot say it all: a
 * transaction without outputs, or with dead letters (they are not in the log of record).
 *
 * kafkajs does not fence zombies across rebalances (no KIP-447 group metadata in sendOffsets), so
 * each input partition number has its own transactional id. Taking over partition N initialises
 * that id, which bumps its epoch: the previous owner's open transaction is aborted and any later
 * commit of it fails. Only then is the state folded from the log of record, which is therefore
 * complete, and the group's committed offsets read, which are therefore final; where the log's
 * last `eo-consumed` header is further on, it wins.
 *
 * Fetching and deciding are decoupled: fetched inputs queue per partition number and the fetch
 * goes on, while one transaction at a time takes everything queued so far. Under load, a
 * transaction carries many inputs instead of the next fetch waiting for every partition's commit.
 * A failed transaction leaves its inputs queued. One that failed only adding its offsets and
 * aborted cleanly is retried in place; otherwise the partition is taken over again (fenced,
 * rebuilt, committed offsets re-read) and they are decided then, or skipped if they were.
 */
export class ExactlyOnceProcessor<State> {
  private readonly logger: Logger;
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  private readonly owners = new Map<number, PartitionOwner<State>>();
  private assigned = new Set<number>();
  private joined = false;
  private lag: ConsumerLagMonitor | undefined;
  /** Tail of the ownership changes (take, release) per partition number, which never overlap. */
  private readonly lanes = new Map<number, Promise<unknown>>();
  private readonly work = new Map<number, PartitionWork>();
  /** Per partition number, the pending commit of group offsets that lag after the last transaction. */
  private readonly offsetFlushes = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly kafka: Kafka,
    private readonly registry: MessageRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly program: PartitionProgram<State>,
    private readonly options: ExactlyOnceProcessorOptions,
    private readonly metrics?: TradingMetrics,
  ) {
    this.logger = new Logger(`ExactlyOnceProcessor:${options.groupId}`);
  }

  /** Partition numbers this instance owns right now (after the last rebalance). */
  ownedPartitions(): readonly number[] {
    return [...this.assigned].sort((a, b) => a - b);
  }

  /** Joined the group, and the state of every partition it was assigned is rebuilt (readiness). */
  isReady(): boolean {
    return this.joined && [...this.assigned].every((partition) => this.owners.has(partition));
  }

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      partitionAssigners: [CoPartitionAssigner],
      readUncommitted: false,
      // a fetch returns as soon as an input is readable; the wait only spaces the idle polls
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const numbers = new Set(Object.values(payload.memberAssignment).flat());
      void this.onAssignment(numbers);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.inputTopics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 16,
      eachBatch: (payload) => this.enqueue(payload),
    });
    if (this.metrics) {
      const topics = this.options.inputTopics;
      this.lag = new ConsumerLagMonitor(this.admin, this.metrics.consumerLag, {
        groupId: this.options.groupId,
        topics,
        owned: () => new Map(topics.map((topic) => [topic, this.ownedPartitions()])),
      });
      this.lag.start();
    }
  }

  async stop(): Promise<void> {
    await this.lag?.stop();
    this.lag = undefined;
    await this.consumer?.disconnect();
    this.consumer = undefined;
    // what is queued and not committed is decided by the next owner
    for (const partition of [...this.work.keys()]) await this.stopWork(partition);
    for (const partition of [...this.owners.keys()]) await this.inLane(partition, () => this.release(partition));
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private async onAssignment(numbers: Set<number>): Promise<void> {
    this.assigned = numbers;
    this.joined = true;
    for (const partition of new Set([...this.owners.keys(), ...this.work.keys()])) {
      if (numbers.has(partition)) continue;
      await this.stopWork(partition);
      await this.inLane(partition, () => this.release(partition));
    }
    // take ownership now, not at the first input: state is rebuilt and in-flight work resumed even
    // on a quiet partition
    for (const partition of numbers) {
      this.inLane(partition, async () => {
        if (this.assigned.has(partition)) await this.ownerOf(partition);
      }).catch((error: unknown) => this.logger.error(`taking partition ${partition} failed: ${String(error)}`));
    }
  }

  private async release(partition: number): Promise<void> {
    clearTimeout(this.offsetFlushes.get(partition));
    this.offsetFlushes.delete(partition);
    const owner = this.owners.get(partition);
    if (!owner) return;
    this.owners.delete(partition);
    this.program.onPartitionReleased?.(partition);
    await owner.producer.disconnect().catch(() => undefined);
  }

  private async stopWork(partition: number): Promise<void> {
    const work = this.work.get(partition);
    if (!work) return;
    work.stopped = true;
    this.work.delete(partition);
    await work.draining;
  }

  private inLane<T>(partition: number, work: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(partition) ?? Promise.resolve();
    const next = previous.then(work);
    const tail = next.catch(() => undefined);
    this.lanes.set(partition, tail);
    void tail.then(() => {
      if (this.lanes.get(partition) === tail) this.lanes.delete(partition);
    });
    return next;
  }

  private async enqueue(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const partition = batch.partition;
    if (batch.messages.length === 0 || !this.assigned.has(partition) || payload.isStale()) return;
    let work = this.work.get(partition);
    if (!work) {
      const owner = this.owners.get(partition) ?? (await this.inLane(partition, () => this.ownerOf(partition)));
      work = this.work.get(partition) ?? { queue: [], queuedUpTo: new Map(owner.nextOffsets), draining: undefined, stopped: false, waiting: [] };
      this.work.set(partition, work);
    }
    for (const message of batch.messages) {
      const offset = BigInt(message.offset);
      if (offset < (work.queuedUpTo.get(batch.topic) ?? -1n)) continue;
      work.queue.push({ topic: batch.topic, offset, message });
      work.queuedUpTo.set(batch.topic, offset + 1n);
    }
    payload.resolveOffset(batch.lastOffset());
    this.kick(partition, work);
    // backpressure: the fetch waits, heartbeating, while the partition's transactions catch up
    while (work.queue.length >= (this.options.maxQueuedInputs ?? 5_000) && work.draining && !work.stopped) {
      await new Promise<void>((resolve) => work.waiting.push(resolve));
      await payload.heartbeat();
    }
  }

  private kick(partition: number, work: PartitionWork): void {
    if (work.draining || work.stopped || work.queue.length === 0 || !this.assigned.has(partition)) return;
    work.draining = this.drain(partition, work).finally(() => {
      work.draining = undefined;
      wake(work);
      this.kick(partition, work);
    });
  }

  /** One transaction at a time, each taking what is queued; a failure retakes the partition and retries. */
  private async drain(partition: number, work: PartitionWork): Promise<void> {
    const max = this.options.maxInputsPerTransaction ?? 200;
    let inPlaceRetries = 0;
    while (!work.stopped && work.queue.length > 0) {
      try {
        const owner = this.owners.get(partition) ?? (await this.inLane(partition, () => this.ownerOf(partition)));
        if (work.stopped) return;
        const inputs = work.queue.slice(0, max);
        await this.decide(partition, owner, inputs);
        work.queue = work.queue.slice(inputs.length);
        inPlaceRetries = 0;
        wake(work);
      } catch (error) {
        if (error instanceof TransactionAborted && inPlaceRetries < IN_PLACE_RETRIES) {
          // nothing was committed and the producer aborted cleanly: still the owner, try again
          inPlaceRetries += 1;
          await new Promise((resolve) => setTimeout(resolve, IN_PLACE_RETRY_DELAY_MS * inPlaceRetries));
          continue;
        }
        inPlaceRetries = 0;
        this.logger.error(`partition ${partition}: ${String(error instanceof TransactionAborted ? error.cause : error)}; taking it over again`);
        // the producer may be fenced or broken: start this partition over from the log
        await this.inLane(partition, () => this.release(partition));
        await new Promise((resolve) => setTimeout(resolve, RETAKE_DELAY_MS));
        if (!this.assigned.has(partition)) return;
      }
    }
  }

  /** Decides `inputs` in one transaction with their offsets; those the owner finds decided are skipped. */
  private async decide(partition: number, owner: PartitionOwner<State>, inputs: readonly QueuedInput[]): Promise<void> {
    const pending = inputs.filter(({ topic, offset }) => offset >= (owner.nextOffsets.get(topic) ?? -1n));
    if (pending.length === 0) return;
    const transaction = await owner.producer.transaction();
    let producedAll = false;
    let state = owner.state;
    const consumed = new Map<string, bigint>();
    let deadLettered = false;
    let offsetsDue = true;
    const traced: TracedOutputs[] = [];
    try {
      const outputs: Message[] = [];
      for (const { topic, offset, message } of pending) {
        consumed.set(topic, offset + 1n);
        const deadLetter = { topic, partition, message, consumerGroup: this.options.groupId };
        const decoded = this.registry.decode(message.value);
        if (!decoded.ok) {
          deadLettered = true;
          await this.deadLetters.publish(transaction, deadLetter, decoded.failure);
          continue;
        }
        const input = decoded.envelope;
        const record = {
          topic,
          partition,
          offset: message.offset,
          consumerGroup: this.options.groupId,
          messageId: input.eventId,
          messageType: input.type,
          correlationId: input.correlationId,
          accountId: input.accountId,
        };
        let step: ProgramStep<State>;
        let traceContext: Context;
        try {
          // the consumer span is active while the program decides: its spans and the outputs' headers descend from it
          [step, traceContext] = inConsumerSpan(extractTraceContext(message.headers), record, (spanContext) => [
            this.program.process(state, input, { topic, partition, offset: message.offset }),
            spanContext,
          ]);
        } catch (error) {
          // one poisonous input must not stop every account of the partition: park it, go on
          this.logger.error(`${topic}[${partition}]@${message.offset} failed: ${String(error)}`);
          deadLettered = true;
          await this.deadLetters.publish(transaction, deadLetter, {
            code: 'MESSAGING.PROCESSING_FAILED',
            reason: error instanceof Error ? error.message : String(error),
          });
          continue;
        }
        state = step.state;
        for (const output of step.outputs) {
          this.registry.assertPublishable(output);
          outputs.push({ ...encodeEnvelope(output, { traceContext }), partition });
        }
        if (step.outputs.length > 0) traced.push({ traceContext, outputs: [...step.outputs] });
      }
      const positions = furthestPositions(owner.nextOffsets, consumed);
      const last = outputs.at(-1);
      if (last) last.headers = { ...last.headers, [CONSUMED_HEADER]: encodeConsumedPositions(positions) };
      // a dead letter is not in the log of record, and an input without outputs leaves no header
      offsetsDue = deadLettered || !last || performance.now() - owner.offsetsCommittedAt >= (this.options.offsetsCommitIntervalMs ?? 1_000);
      if (outputs.length > 0) await transaction.send({ topic: this.options.outputTopic, messages: outputs });
      producedAll = true;
      if (offsetsDue) await this.sendOffsets(transaction, partition, positions);
    } catch (error) {
      const aborted = await transaction.abort().then(
        () => true,
        () => false,
      );
      // Only a failure after every produce was acknowledged may be retried by this producer: a
      // produce that failed ambiguously (a timeout) may have been appended, and its sequence numbers,
      // reused by a retry, would make the broker drop the retry's records as duplicates. A new
      // owner starts a new producer epoch, with new sequences.
      throw aborted && producedAll ? new TransactionAborted(error) : error;
    }
    try {
      await transaction.commit();
    } catch (error) {
      // the commit may have landed: only a takeover (fence, rebuild, committed offsets) can tell
      await transaction.abort().catch(() => undefined);
      throw error;
    }
    owner.state = state;
    for (const [topic, next] of consumed) owner.nextOffsets.set(topic, next);
    if (offsetsDue) owner.offsetsCommittedAt = performance.now();
    owner.offsetsLag = !offsetsDue;
    if (!offsetsDue) this.scheduleOffsetsFlush(partition);
    this.options.committedOutputs?.publish(
      this.options.outputTopic,
      traced.flatMap(({ outputs }) => outputs),
    );
    await this.afterCommit(partition, traced, state);
  }

  /**
   * Commits the group's offsets of a partition that went quiet with them lagging, once the interval
   * has passed, so the group (and the lag metric) shows how far it decided. Between the partition's
   * transactions only; a failure is left to the next transaction, which then commits them.
   */
  private scheduleOffsetsFlush(partition: number): void {
    if (this.offsetFlushes.has(partition)) return;
    const interval = this.options.offsetsCommitIntervalMs ?? 1_000;
    const timer = setTimeout(() => {
      this.offsetFlushes.delete(partition);
      const owner = this.owners.get(partition);
      const work = this.work.get(partition);
      if (!owner?.offsetsLag || !work || work.stopped) return;
      if (work.draining || performance.now() - owner.offsetsCommittedAt < interval) {
        this.scheduleOffsetsFlush(partition);
        return;
      }
      work.draining = this.commitOffsets(partition, owner).finally(() => {
        work.draining = undefined;
        wake(work);
        this.kick(partition, work);
      });
    }, interval);
    timer.unref();
    this.offsetFlushes.set(partition, timer);
  }

  private async commitOffsets(partition: number, owner: PartitionOwner<State>): Promise<void> {
    const transaction = await owner.producer.transaction().catch((error: unknown) => {
      this.logger.warn(`partition ${partition}: committing the group offsets failed to start: ${String(error)}`);
      return undefined;
    });
    if (!transaction) return;
    try {
      await this.sendOffsets(transaction, partition, owner.nextOffsets);
      await transaction.commit();
      owner.offsetsCommittedAt = performance.now();
      owner.offsetsLag = false;
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      this.logger.warn(`partition ${partition}: committing the group offsets failed, the next transaction does: ${String(error)}`);
    }
  }

  /** The group's offsets of `partition`, the next to decide per input topic, into the transaction. */
  private async sendOffsets(transaction: Transaction, partition: number, positions: ReadonlyMap<string, bigint>): Promise<void> {
    await transaction.sendOffsets({
      consumerGroupId: this.options.groupId,
      topics: [...positions].map(([topic, next]) => ({ topic, partitions: [{ partition, offset: next.toString() }] })),
    });
  }

  private async ownerOf(partition: number): Promise<PartitionOwner<State>> {
    const existing = this.owners.get(partition);
    if (existing) return existing;
    const producer = this.kafka.producer({
      transactionalId: `${this.options.transactionalIdPrefix}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: TRANSACTION_RETRY,
    });
    await producer.connect();
    try {
      // kafkajs initialises the transactional id with the first transaction: that bumps the epoch,
      // fencing the previous owner and aborting whatever it left open. Nothing is sent.
      await (await producer.transaction()).abort();
      const loads = await loadPartitionStates(
        this.kafka,
        this.requireAdmin(),
        this.registry,
        this.program,
        this.options.outputTopic,
        [partition],
      );
      const load = loads.get(partition);
      const owner: PartitionOwner<State> = {
        producer,
        state: load?.state ?? this.program.initialState(),
        nextOffsets: furthestPositions(await this.committedOffsets(partition), load?.consumed ?? new Map()),
        offsetsCommittedAt: Number.NEGATIVE_INFINITY,
        offsetsLag: false,
      };
      this.owners.set(partition, owner);
      this.logger.log(`owns partition ${partition}`);
      await this.program.onPartitionOwned?.(partition, owner.state);
      return owner;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Once per input that had outputs, in input order, inside that input's span context (so the side
   * effects, broker calls above all, join its trace). The first failure stops the rest, as before.
   */
  private async afterCommit(partition: number, traced: readonly TracedOutputs[], state: State): Promise<void> {
    const afterCommit = this.program.afterCommit?.bind(this.program);
    if (!afterCommit || traced.length === 0) return;
    try {
      for (const { traceContext, outputs } of traced) {
        await context.with(traceContext, () => afterCommit(partition, outputs, state));
      }
    } catch (error) {
      this.logger.error(`after-commit work of partition ${partition} failed: ${String(error)}`);
    }
  }

  /** Stable once fencing has completed the previous owner's transaction, committed or aborted. */
  private async committedOffsets(partition: number): Promise<Map<string, bigint>> {
    const committed = await this.requireAdmin().fetchOffsets({
      groupId: this.options.groupId,
      topics: [...this.options.inputTopics],
    });
    const offsets = new Map<string, bigint>();
    for (const { topic, partitions } of committed) {
      const offset = partitions.find((p) => p.partition === partition)?.offset;
      if (offset !== undefined && BigInt(offset) >= 0n) offsets.set(topic, BigInt(offset));
    }
    return offsets;
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('processor not started');
    return this.admin;
  }
}
