import { HttpException, HttpStatus } from '@nestjs/common';
import { CodedError } from '@trading/domain';
import { STATUS_CODES } from 'node:http';
import { alpacaCodeForStatus, httpStatusForCode, UNMAPPED_STATUS } from './http-status-table';

/**
 * The error body the Alpaca API sends (`code`, `message`), plus our namespaced code in `reason`
 * and, when the error carries any, the numbers behind it in `details`.
 */
export interface AlpacaErrorBody {
  readonly code: number;
  readonly message: string;
  readonly reason: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AlpacaError {
  readonly status: number;
  readonly body: AlpacaErrorBody;
  /** False for failures nobody meant to show a client: logged in full, answered generically. */
  readonly intended: boolean;
}

const INTERNAL: AlpacaError = {
  status: UNMAPPED_STATUS,
  body: { code: alpacaCodeForStatus(UNMAPPED_STATUS), message: 'internal server error', reason: 'INTERNAL' },
  intended: false,
};

/** Turns anything thrown while serving a request into the response the client gets. */
export function toAlpacaError(exception: unknown): AlpacaError {
  if (exception instanceof CodedError) return fromCodedError(exception);
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isClientHttpError(exception)) {
    return answer(exception.status, exception.message, reasonForStatus(exception.status));
  }
  return INTERNAL;
}

function fromCodedError(error: CodedError): AlpacaError {
  const status = httpStatusForCode(error.code);
  if (status === null) return INTERNAL;
  const details = Object.keys(error.details).length > 0 ? error.details : undefined;
  return answer(status, error.message, error.code, details);
}

function fromHttpException(exception: HttpException): AlpacaError {
  const status = exception.getStatus();
  // A bare 500 may carry anything in its message (a driver error, a path): never shown.
  if (status === 500) return INTERNAL;
  const message = httpExceptionMessage(exception);
  // Nest maps the body parser's SyntaxError to a 400 with the parser's message.
  if (status === 400 && /\bJSON\b/.test(message)) {
    return answer(400, `malformed JSON body: ${message}`, 'REQUEST.MALFORMED_JSON');
  }
  return answer(status, message, reasonForStatus(status));
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message } = response;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  return exception.message;
}

/** What the body parser throws for a body too large, an unsupported charset, ... (http-errors). */
function isClientHttpError(error: unknown): error is { status: number; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true && typeof message === 'string';
}

function reasonForStatus(status: number): string {
  const name = (HttpStatus as unknown as Record<number, string | undefined>)[status];
  return `HTTP.${name ?? (STATUS_CODES[status] ?? String(status)).toUpperCase().replace(/\W+/g, '_')}`;
}

function answer(
  status: number,
  message: string,
  reason: string,
  details?: Readonly<Record<string, unknown>>,
): AlpacaError {
  const body: AlpacaErrorBody = { code: alpacaCodeForStatus(status), message, reason, ...(details ? { details } : {}) };
  return { status, body, intended: true };
}
