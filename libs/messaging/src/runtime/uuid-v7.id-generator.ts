import { IdGenerator } from '@trading/domain';
import { v7 } from 'uuid';

/** Time-ordered ids (RFC 9562 UUIDv7): sortable by creation time, monotonic within a process. */
export class UuidV7IdGenerator implements IdGenerator {
  next(): string {
    return v7();
  }
}
