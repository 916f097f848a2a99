import { StreamEntry } from '../stream/stream-entry';
import { sseId } from '../stream/stream-position';

/** One SSE event; `data` is single-line JSON, so one `data:` line holds it. */
export const sseEventFrame = (entry: StreamEntry): string => `id: ${sseId(entry.position)}\nevent: ${entry.event}\ndata: ${entry.data}\n\n`;

export const sseCommentFrame = (text: string): string => `: ${text}\n\n`;

export const HEARTBEAT_FRAME = sseCommentFrame('heartbeat');

/** A named event outside the stream (no `id`, so it does not move the client's resume point). */
export const sseNoticeFrame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
