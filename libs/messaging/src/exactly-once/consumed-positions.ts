import { IHeaders } from 'kafkajs';
import { headerText } from '../kafka/envelope.codec';

/**
 * Header on the last output record of a transaction: per input topic, the first offset not yet
 * decided once that transaction commits. It commits or aborts with the outputs, so the log of
 * record says itself how far its writer had consumed, and a transaction need not also commit the
 * group's offsets (two more round trips) every time.
 */
export const CONSUMED_HEADER = 'eo-consumed';

/** Next offsets per input topic. */
export type ConsumedPositions = ReadonlyMap<string, bigint>;

/** `topic=offset` pairs joined by commas: Kafka topic names hold neither `=` nor `,`. */
export function encodeConsumedPositions(positions: ConsumedPositions): string {
  return [...positions].map(([topic, offset]) => `${topic}=${offset.toString()}`).join(',');
}

/** The positions a record's header carries; none when it has no such header. Throws on a malformed one. */
export function consumedPositionsOf(headers: IHeaders | undefined): Map<string, bigint> {
  const text = headerText(headers, CONSUMED_HEADER);
  const positions = new Map<string, bigint>();
  if (text === undefined || text === '') return positions;
  for (const pair of text.split(',')) {
    const match = /^([A-Za-z0-9._-]+)=(\d+)$/.exec(pair);
    if (!match?.[1] || !match[2]) throw new Error(`${CONSUMED_HEADER} header "${text}" is malformed at "${pair}"`);
    positions.set(match[1], BigInt(match[2]));
  }
  return positions;
}

/** Per topic, the further of the two positions. */
export function furthestPositions(a: ConsumedPositions, b: ConsumedPositions): Map<string, bigint> {
  const merged = new Map(a);
  for (const [topic, offset] of b) {
    const current = merged.get(topic);
    if (current === undefined || offset > current) merged.set(topic, offset);
  }
  return merged;
}
