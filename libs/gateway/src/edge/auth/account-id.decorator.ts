import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { authenticatedAccountId } from './authenticated-account';

/** The account id `ApiKeyGuard` authenticated: `handler(@AccountId() accountId: string)`. */
export const AccountId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  authenticatedAccountId(context.switchToHttp().getRequest<object>()),
);
