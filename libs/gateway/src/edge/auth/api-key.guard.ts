import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyService } from '../api-keys/api-key.service';
import { AuthUnavailableError, NotAuthorizedError } from '../errors/edge.errors';
import { setAuthenticatedAccountId } from './authenticated-account';

export const API_KEY_ID_HEADER = 'apca-api-key-id';
export const API_SECRET_KEY_HEADER = 'apca-api-secret-key';

/**
 * Alpaca's key pair headers to an account. Any failure of the credentials is the same 401; the
 * account id is then available through `@AccountId()`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger('ApiKeyGuard');

  constructor(private readonly apiKeys: ApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const keyId = request.headers[API_KEY_ID_HEADER];
    const secretKey = request.headers[API_SECRET_KEY_HEADER];
    if (typeof keyId !== 'string' || typeof secretKey !== 'string') throw new NotAuthorizedError();

    let accountId: string | null;
    try {
      accountId = await this.apiKeys.verify(keyId, secretKey);
    } catch (error) {
      this.logger.error(`API key store unavailable: ${error instanceof Error ? error.message : String(error)}`);
      throw new AuthUnavailableError(error);
    }
    if (accountId === null) throw new NotAuthorizedError();
    setAuthenticatedAccountId(request, accountId);
    return true;
  }
}
