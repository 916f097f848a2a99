/**
 * Where an update sits in its account's stream: the account event's `seq`, and `index` for the
 * second and later updates one event produced (a replace changes two orders). Written as the SSE
 * `id` (`42`, `42-1`) and as the Redis Stream entry id (`42-0`, `42-1`).
 */
export interface StreamPosition {
  readonly seq: number;
  readonly index: number;
}

const ID = /^(0|[1-9]\d{0,15})(?:-(0|[1-9]\d{0,5}))?$/;

/** Null for anything that is not an id this stream wrote (the caller says how to answer). */
export function parseStreamPosition(text: string): StreamPosition | null {
  const match = ID.exec(text.trim());
  if (!match) return null;
  const seq = Number(match[1]);
  if (!Number.isSafeInteger(seq)) return null;
  return { seq, index: match[2] === undefined ? 0 : Number(match[2]) };
}

export const sseId = (position: StreamPosition): string => (position.index === 0 ? `${position.seq}` : `${position.seq}-${position.index}`);

export const redisEntryId = (position: StreamPosition): string => `${position.seq}-${position.index}`;

export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return a.seq !== b.seq ? a.seq - b.seq : a.index - b.index;
}
