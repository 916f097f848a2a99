import { createKafkaClient } from '@trading/messaging';
import { Consumer } from 'kafkajs';
import { LatencyRecorder, LatencySummary } from '../driver/latency-recorder';
import { followFromEnd } from '../support/follow-from-end';
import { sleep } from '../support/sleep';
import { uniqueName } from '../support/unique-name';

/** Where an order's acknowledgement time went, stage by stage (ms). */
export interface AckStages {
  /** Orders with every mark found. */
  readonly orders: number;
  /** POST handed to the client -> the command's record time (kafkajs stamps it as it encodes the produce request). */
  readonly requestToCommand: LatencySummary | null;
  /** Command record time -> decision record time (the OMS fetched, decided and produced inside its transaction). */
  readonly commandToDecision: LatencySummary | null;
  /** Decision record time -> the bench's read-committed consumer had it (the transaction committed). */
  readonly decisionToReadable: LatencySummary | null;
  /** Readable -> the HTTP answer at the client (the gateway's view, the response). */
  readonly readableToAnswer: LatencySummary | null;
}

interface Sent {
  readonly sentMs: number;
  answeredMs: number | null;
}

/**
 * Follows the commands and order-events topics (their record times, same machine clock) and a
 * read-committed reader of order-events, to split each order's acknowledgement into stages.
 * Orders are matched by `client_order_id` (the command carries it next to the order id).
 */
export class AckStagesRecorder {
  private readonly sent = new Map<string, Sent>();
  private readonly orderIds = new Map<string, string>();
  private readonly commandMs = new Map<string, number>();
  /** Per order, the record time of its first event (the decision), whichever topic's batch came first. */
  private readonly decisionMs = new Map<string, number>();
  private readonly readableMs = new Map<string, number>();

  private constructor(private readonly consumers: readonly Consumer[]) {}

  /** Starts reading at the current ends of both topics. */
  static async start(brokers: readonly string[], topics: { commands: string; orderEvents: string }): Promise<AckStagesRecorder> {
    const kafka = createKafkaClient({ clientId: 'bench-ack-stages', brokers, logLevel: 'error' });
    // Only record times are read from the raw log, so it is fetched in batches: an eager fetch per
    // record was a broker request per command and per decision, on the broker being measured.
    const raw = kafka.consumer({ groupId: uniqueName('bench-ack-raw'), readUncommitted: true, minBytes: RAW_FETCH_MIN_BYTES, maxWaitTimeInMs: RAW_FETCH_WAIT_MS });
    const committed = kafka.consumer({ groupId: uniqueName('bench-ack-committed'), readUncommitted: false, maxWaitTimeInMs: 100 });
    const recorder = new AckStagesRecorder([raw, committed]);
    await followFromEnd(kafka, raw, [topics.commands, topics.orderEvents], async ({ batch }) => {
      for (const message of batch.messages) recorder.noteRecord(batch.topic === topics.commands, message.value, Number(message.timestamp));
    });
    await followFromEnd(kafka, committed, [topics.orderEvents], async ({ batch }) => {
      for (const message of batch.messages) recorder.noteReadable(message.value);
    });
    return recorder;
  }

  /** Call as the POST is handed to the client; the returned function as its answer arrives. */
  sending(clientOrderId: string): () => void {
    const sent: Sent = { sentMs: Date.now(), answeredMs: null };
    this.sent.set(clientOrderId, sent);
    return () => {
      sent.answeredMs = Date.now();
    };
  }

  /**
   * The stages of the orders sent since the last call, which forgets them. It first waits (at most
   * a few batched fetches) until the raw log reader has caught up with the read-committed one.
   */
  async take(): Promise<AckStages> {
    const deadline = Date.now() + RAW_CATCH_UP_MS;
    while (Date.now() < deadline && [...this.readableMs.keys()].some((orderId) => !this.decisionMs.has(orderId))) await sleep(50);
    const stages = [new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder()] as const;
    let orders = 0;
    for (const [clientOrderId, { sentMs, answeredMs }] of this.sent) {
      const orderId = this.orderIds.get(clientOrderId);
      const command = orderId === undefined ? undefined : this.commandMs.get(orderId);
      const decision = orderId === undefined ? undefined : this.decisionMs.get(orderId);
      const readable = orderId === undefined ? undefined : this.readableMs.get(orderId);
      if (answeredMs === null || command === undefined || decision === undefined || readable === undefined) continue;
      orders += 1;
      [command - sentMs, decision - command, readable - decision, answeredMs - readable].forEach((ms, index) => stages[index]?.record(ms));
    }
    this.sent.clear();
    this.orderIds.clear();
    this.commandMs.clear();
    this.decisionMs.clear();
    this.readableMs.clear();
    const [requestToCommand, commandToDecision, decisionToReadable, readableToAnswer] = stages.map((stage) => stage.summary());
    return { orders, requestToCommand: requestToCommand ?? null, commandToDecision: commandToDecision ?? null, decisionToReadable: decisionToReadable ?? null, readableToAnswer: readableToAnswer ?? null };
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
  }

  private noteRecord(isCommand: boolean, value: Buffer | null, timestampMs: number): void {
    const payload = payloadOf(value);
    const orderId = typeof payload?.orderId === 'string' ? payload.orderId : null;
    if (orderId === null) return;
    if (!isCommand) {
      if (!this.decisionMs.has(orderId)) this.decisionMs.set(orderId, timestampMs);
      return;
    }
    const clientOrderId = (payload?.request as { clientOrderId?: unknown } | undefined)?.clientOrderId;
    if (typeof clientOrderId !== 'string' || !this.sent.has(clientOrderId)) return;
    this.orderIds.set(clientOrderId, orderId);
    this.commandMs.set(orderId, timestampMs);
  }

  private noteReadable(value: Buffer | null): void {
    const orderId = payloadOf(value)?.orderId;
    if (typeof orderId === 'string' && !this.readableMs.has(orderId)) this.readableMs.set(orderId, Date.now());
  }
}

const RAW_FETCH_MIN_BYTES = 256 * 1024;
const RAW_FETCH_WAIT_MS = 500;
const RAW_CATCH_UP_MS = 4 * RAW_FETCH_WAIT_MS;

function payloadOf(value: Buffer | null): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const envelope = JSON.parse(value.toString('utf8')) as { payload?: unknown };
    return typeof envelope.payload === 'object' && envelope.payload !== null ? (envelope.payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
