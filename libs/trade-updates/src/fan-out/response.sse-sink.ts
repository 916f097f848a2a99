import type { Request, Response } from 'express';
import { SseSink } from './sse-sink';

/** Turns an Express response into an SSE stream: headers out now, no timeout, no buffering proxies. */
export class ResponseSseSink implements SseSink {
  constructor(
    private readonly request: Request,
    private readonly response: Response,
  ) {
    request.socket.setTimeout(0);
    request.socket.setNoDelay(true);
    request.socket.setKeepAlive(true);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
  }

  write(chunk: string): void {
    if (!this.response.writableEnded) this.response.write(chunk);
  }

  get bufferedBytes(): number {
    return this.response.writableLength;
  }

  close(): void {
    if (!this.response.writableEnded) this.response.end();
    // a client that reads nothing never takes the end either: let its socket go
    this.request.socket.destroySoon();
  }

  onClose(listener: () => void): void {
    this.response.once('close', listener);
  }
}
