import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Next offset of every partition of `topic`: where events written from now on will start. */
export async function logEnds(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, high]));
  } finally {
    await admin.disconnect();
  }
}

interface DecidedEvent {
  readonly type?: unknown;
  readonly accountId?: unknown;
  readonly payload?: { readonly commandType?: unknown; readonly reason?: { readonly code?: unknown; readonly message?: unknown } };
}

/**
 * Reads the order-events log from `from` until every account has its `RiskLimitsSet` (the admin
 * sends `OpenAccount` then `SetRiskLimits` on the same partition, so that one comes last). A
 * `CommandRejected` for one of them fails at once with the OMS's reason.
 */
export async function awaitDecisions(
  kafka: Kafka,
  topic: string,
  from: ReadonlyMap<number, string>,
  accountIds: ReadonlySet<string>,
  options: { readonly timeoutMs: number; readonly groupPrefix: string },
): Promise<void> {
  const { timeoutMs, groupPrefix } = options;
  const waiting = new Set(accountIds);
  if (waiting.size === 0) return;
  const consumer = kafka.consumer({ groupId: `${groupPrefix}bench-provision-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 50 });
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OMS decided ${accountIds.size - waiting.size} of ${accountIds.size} accounts' limits within ${timeoutMs} ms`)), timeoutMs);
      const settle = (error?: Error): void => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() =>
          consumer.run({
            eachMessage: async ({ message }) => {
              if (message.value === null) return;
              const event = JSON.parse(message.value.toString()) as DecidedEvent;
              if (typeof event.accountId !== 'string' || !waiting.has(event.accountId)) return;
              if (event.type === 'CommandRejected') {
                const reason = event.payload?.reason;
                settle(new Error(`the OMS refused ${String(event.payload?.commandType)} for ${event.accountId}: ${String(reason?.code)} ${String(reason?.message)}`));
              } else if (event.type === 'RiskLimitsSet') {
                waiting.delete(event.accountId);
                if (waiting.size === 0) settle();
              }
            },
          }),
        )
        .then(() => {
          for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
        })
        .catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
    });
  } finally {
    await consumer.disconnect();
  }
}
