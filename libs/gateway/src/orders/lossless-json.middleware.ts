import { NextFunction, Request, Response, text } from 'express';
import { parseJsonKeepingNumbers } from './lossless-json';

const readText = text({ type: ['application/json', 'application/*+json'], limit: '64kb' });

/**
 * Reads JSON bodies keeping numbers as exact text (in place of Nest's JSON body parser, so create
 * the app with `bodyParser: false`). Malformed JSON answers 400 in Alpaca's shape.
 */
export function losslessJsonBody(request: Request, response: Response, next: NextFunction): void {
  readText(request, response, (error?: unknown) => {
    if (error) {
      const status = (error as { status?: number }).status ?? 400;
      response.status(status).json({ code: status * 100_000 + 10_000, message: (error as Error).message, reason: 'REQUEST.UNREADABLE' });
      return;
    }
    if (typeof request.body === 'string') {
      if (request.body.trim() === '') {
        request.body = undefined;
      } else {
        try {
          request.body = parseJsonKeepingNumbers(request.body);
        } catch (parseError) {
          response.status(400).json({ code: 40010000, message: `malformed JSON: ${(parseError as Error).message}`, reason: 'REQUEST.MALFORMED_JSON' });
          return;
        }
      }
    }
    next();
  });
}
