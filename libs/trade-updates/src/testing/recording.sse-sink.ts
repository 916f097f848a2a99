import { SseSink } from '../fan-out/sse-sink';

export interface SseEventRecord {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: unknown;
}

/** A connection that keeps what it was sent, for tests; `bufferedBytes` is whatever the test sets. */
export class RecordingSseSink implements SseSink {
  text = '';
  bufferedBytes = 0;
  closed = false;
  private readonly listeners: (() => void)[] = [];

  write(chunk: string): void {
    this.text += chunk;
  }

  close(): void {
    this.hangUp();
  }

  /** The client goes away. */
  hangUp(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.listeners) listener();
  }

  onClose(listener: () => void): void {
    this.listeners.push(listener);
  }

  get events(): SseEventRecord[] {
    return parseSseEvents(this.text);
  }

  get comments(): string[] {
    return this.text.split('\n').filter((line) => line.startsWith(': ')).map((line) => line.slice(2));
  }
}

/** Named events of an SSE text (comments skipped), as a client would dispatch them. */
export function parseSseEvents(text: string): SseEventRecord[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
    .filter((lines) => lines.some((line) => line.startsWith('data: ')))
    .map((lines) => {
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      return { id: field('id'), event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') as unknown };
    });
}
