import { isKeyId } from '@trading/gateway';
import { AdminCommand, AdminFailure, requiredString, UsageError } from './admin-command';

export const keyRevokeCommand: AdminCommand = {
  name: 'key:revoke',
  synopsis: '--key <keyId> [--json]',
  description: 'revoke an API key (requests with it are refused from then on)',
  options: { key: { type: 'string' } },
  prepare(values) {
    const keyId = requiredString(values, 'key', '<keyId>');
    if (!isKeyId(keyId)) throw new UsageError('--key must be an API key id: 20 upper-case letters and digits');
    return async ({ apiKeys }) => {
      const outcome = await apiKeys.revoke(keyId);
      if (outcome === 'not-found') throw new AdminFailure(`no API key ${keyId}`);
      return {
        json: { keyId, status: outcome },
        text: outcome === 'revoked' ? `API key ${keyId} revoked` : `API key ${keyId} was already revoked`,
      };
    };
  },
};
