import { Injectable, NestMiddleware } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext } from '../logging/log-context';
import { ATTR } from '../tracing/trace-attributes';
import { tradingTracer, traceFields } from '../tracing/traced-work';

/**
 * A SERVER span per HTTP request (child of an incoming `traceparent`), active while the request is
 * handled, so that the commands the gateway publishes carry it; and the log context of the request
 * (trace ids, `X-Correlation-Id` when the client sent one). Apply it to every route.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tradingTracer().startSpan(
      `${request.method} ${request.path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.path } },
      parent,
    );
    const correlationId = request.header('x-correlation-id');
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      if (route) span.updateName(`${request.method} ${request.baseUrl}${route}`);
      span.setAttribute('http.response.status_code', response.statusCode);
      if (correlationId) span.setAttribute(ATTR.correlationId, correlationId);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () =>
      withLogContext({ ...traceFields(span), correlation_id: correlationId }, () => next()),
    );
  }
}
