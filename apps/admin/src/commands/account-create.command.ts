import { AdminCommand, requiredString, UsageError } from './admin-command';

/** A non-negative amount with at most 2 decimals and no sign, exponent or leading zeros. */
const CASH = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

export const accountCreateCommand: AdminCommand = {
  name: 'account:create',
  synopsis: '--cash <amount> [--json]',
  description: 'open an account with starting cash and issue its first API key',
  options: { cash: { type: 'string' } },
  prepare(values) {
    const cash = requiredString(values, 'cash', '<amount>');
    if (!CASH.test(cash)) {
      throw new UsageError(
        `--cash must be a non-negative decimal amount with at most 2 decimals (e.g. 100000 or 2500.50), got "${cash.slice(0, 40)}"`,
      );
    }
    return async ({ apiKeys, commandSide, ids }) => {
      const accountId = ids.next();
      await commandSide.send(accountId, 'OpenAccount', { startingCash: cash });
      const key = await apiKeys.create(accountId);
      return {
        json: { accountId, keyId: key.keyId, secretKey: key.secretKey },
        text: [
          `account ${accountId} created with cash ${cash}`,
          `APCA-API-KEY-ID:     ${key.keyId}`,
          `APCA-API-SECRET-KEY: ${key.secretKey}`,
          'The secret key is shown only this once: store it now.',
        ].join('\n'),
      };
    };
  },
};
