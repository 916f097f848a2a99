import { EventEnvelope } from '../envelope/event-envelope';

/**
 * Envelopes decoded from a message's exact text, so that the several consumers of one process
 * reading the same record (the all-in-one reads each order event six times) parse and validate it
 * once. Bounded: past `capacity` the oldest entry goes. Entries are deep-frozen, as every holder
 * shares them: a reader that tries to change one fails loudly instead of changing the others'.
 */
export class DecodedEnvelopesCache {
  private readonly entries = new Map<string, EventEnvelope>();

  constructor(private readonly capacity: number) {}

  get(text: string): EventEnvelope | undefined {
    return this.entries.get(text);
  }

  /** Returns the envelope, frozen. */
  remember(text: string, envelope: EventEnvelope): EventEnvelope {
    const frozen = deepFreeze(envelope);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(text, frozen);
    return frozen;
  }

  /** After the registry learns a definition: a text decoded before may decode differently now. */
  clear(): void {
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
