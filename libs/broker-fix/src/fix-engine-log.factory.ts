import { IJsFixLogger, JsFixLogFields, JsFixLoggerFactory } from './fix-engine';

/** Where the FIX engine's own warnings and errors go (its info and debug chatter is dropped). */
export interface FixLogSink {
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_FIX_LOG: FixLogSink = { warn: () => undefined, error: () => undefined };

export class FixEngineLogFactory extends JsFixLoggerFactory {
  constructor(private readonly sink: FixLogSink) {
    super();
  }

  logger(type: string, _context?: JsFixLogFields): IJsFixLogger {
    return {
      info: () => undefined,
      debug: () => undefined,
      warning: (message: string) => this.sink.warn(`[${type}] ${message}`),
      error: (e: Error) => this.sink.error(`[${type}] ${e.message}`),
    };
  }

  plain(_fileName: string): IJsFixLogger {
    return { info: () => undefined, debug: () => undefined, warning: () => undefined, error: () => undefined };
  }
}
