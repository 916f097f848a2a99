import { randomBytes } from 'node:crypto';

/** A name no other run uses, so runs can share one Kafka, database server and Redis. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
