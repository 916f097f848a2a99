/** Where one connection's SSE text goes: the HTTP response in production, a recorder in tests. */
export interface SseSink {
  /** Queues text on the connection (never waits for the client). */
  write(chunk: string): void;
  /** Bytes queued and not yet taken by the client's socket. */
  readonly bufferedBytes: number;
  /** Ends the connection; the client reconnects with its `Last-Event-ID`. */
  close(): void;
  /** Called once when the connection ends, from either side. */
  onClose(listener: () => void): void;
}
