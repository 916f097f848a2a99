/** One Kafka record as kept in the archive. */
export interface ArchivedRecord {
  readonly topic: string; // full topic name as in Kafka
  readonly partition: number;
  readonly offset: string; // decimal string
  readonly timestamp: string; // Kafka record time, ISO-8601 UTC
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: Buffer | null; // the original record value, byte for byte
  // envelope columns (null when the value is not an envelope, e.g. a dead letter's raw bytes)
  readonly eventId: string | null;
  readonly type: string | null;
  readonly schemaVersion: number | null;
  readonly accountId: string | null;
  readonly streamId: string | null;
  readonly seq: number | null;
  readonly occurredAt: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

/** Which records to read: `from` inclusive, `to` exclusive, on the Kafka record time. */
export interface ArchiveQuery {
  readonly topics?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
}
