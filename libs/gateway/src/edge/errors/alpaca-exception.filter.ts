import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toAlpacaError } from './alpaca-error';

/**
 * Answers every error in Alpaca's shape. Register it globally too (`app.useGlobalFilters`) so that
 * errors raised before routing, such as a malformed JSON body, get the same shape.
 */
@Catch()
@Injectable()
export class AlpacaExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('GatewayEdge');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = toAlpacaError(exception);
    if (!error.intended) {
      this.logger.error(
        `${request.method} ${request.path} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    if (response.headersSent) return;
    response.status(error.status).json(error.body);
  }
}
