import { ACCOUNT_ID_PATTERN } from '@trading/gateway';
import { AdminCommand, requiredString, UsageError } from './admin-command';

export const keyCreateCommand: AdminCommand = {
  name: 'key:create',
  synopsis: '--account <accountId> [--json]',
  description: 'issue another API key for an existing account',
  options: { account: { type: 'string' } },
  prepare(values) {
    const accountId = requiredString(values, 'account', '<accountId>');
    if (!ACCOUNT_ID_PATTERN.test(accountId)) {
      throw new UsageError('--account must be an account id: 1 to 128 letters, digits or . _ : @ / -');
    }
    return async ({ apiKeys }) => {
      const key = await apiKeys.create(accountId);
      return {
        json: { accountId, keyId: key.keyId, secretKey: key.secretKey },
        text: [
          `API key issued for account ${accountId}`,
          `APCA-API-KEY-ID:     ${key.keyId}`,
          `APCA-API-SECRET-KEY: ${key.secretKey}`,
          'The secret key is shown only this once: store it now.',
        ].join('\n'),
      };
    };
  },
};
