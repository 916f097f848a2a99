import { eventually } from '@trading/testing';

export interface TradeUpdateEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: { event: string; order: { id: string; status: string; filled_qty: string }; price?: string; qty?: string };
}

/** A trader's `GET /v2/events/trades` connection, read as an SSE client would. */
export class TradeStream {
  text = '';
  status = 0;
  private readonly abort = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open(baseUrl: string, headers: Readonly<Record<string, string>>, lastEventId?: string): Promise<TradeStream> {
    const stream = new TradeStream();
    const response = await fetch(`${baseUrl}/v2/events/trades`, {
      headers: { ...headers, accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
      signal: stream.abort.signal,
    });
    stream.status = response.status;
    const body = response.body;
    if (!body) return stream;
    stream.reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body) stream.text += decoder.decode(chunk as Uint8Array, { stream: true });
      } catch {
        // aborted: the test hung up
      }
    })();
    // the server's first comment says the subscription is in place
    await eventually(() => {
      if (!stream.text.includes(': connected')) throw new Error(`not connected yet (HTTP ${stream.status})`);
    });
    return stream;
  }

  get events(): TradeUpdateEvent[] {
    return this.text
      .split('\n\n')
      .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
      .filter((lines) => lines.some((line) => line.startsWith('data: ')))
      .map((lines) => {
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        return { id: field('id'), event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') as TradeUpdateEvent['data'] };
      });
  }

  get lastId(): string | undefined {
    return this.events[this.events.length - 1]?.id;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }
}
