import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CONSISTENCY_TOKEN_HEADER, parseConsistencyToken } from './consistency-token';

/** The seq of the request's `X-Consistency-Token` (null without one); 422 naming the header when malformed. */
export const ConsistencyToken = createParamDecorator((_data: unknown, context: ExecutionContext): number | null =>
  parseConsistencyToken(context.switchToHttp().getRequest<Request>().headers[CONSISTENCY_TOKEN_HEADER.toLowerCase()]),
);
