import { TradeUpdateEvent } from '../updates/trade-update';
import { parseStreamPosition, redisEntryId, StreamPosition } from './stream-position';

/** One trade update as it is stored and published: `data` is the JSON text, serialised once. */
export interface StreamEntry {
  readonly position: StreamPosition;
  readonly event: TradeUpdateEvent;
  readonly data: string;
}

/** The pub/sub message: `<entry id> <event> <json>`; the first two spaces split it. */
export const encodeLiveMessage = (entry: StreamEntry): string => `${redisEntryId(entry.position)} ${entry.event} ${entry.data}`;

export function decodeLiveMessage(message: string): StreamEntry | null {
  const first = message.indexOf(' ');
  const second = first < 0 ? -1 : message.indexOf(' ', first + 1);
  if (second < 0) return null;
  const position = parseStreamPosition(message.slice(0, first));
  if (!position) return null;
  return { position, event: message.slice(first + 1, second) as TradeUpdateEvent, data: message.slice(second + 1) };
}
