import { DEFAULT_RISK_LIMITS, RISK_LIMIT_KEYS, RiskLimits, updateRiskLimits } from '@trading/domain';
import { AdminCommand, requiredString, UsageError } from './admin-command';

const NUMERIC: readonly (keyof RiskLimits)[] = ['maxOpenOrders', 'maxOrdersPerWindow', 'orderRateWindowMs', 'maxReferencePriceAgeMs', 'duplicateOrderWindowMs'];

/** `maxOrderNotional=50000,restrictedSymbols=GME|AMC` to a limits patch, every key and value checked. */
export function parseLimits(text: string): Partial<Record<keyof RiskLimits, string | number | readonly string[]>> {
  const patch: Record<string, string | number | readonly string[]> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [key = '', value, ...extra] = pair.split('=');
    if (value === undefined || extra.length > 0) throw new UsageError(`--set expects key=value pairs, got "${pair.slice(0, 60)}"`);
    if (!(RISK_LIMIT_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`unknown limit "${key.slice(0, 40)}"; known: ${RISK_LIMIT_KEYS.join(', ')}`);
    }
    const name = key as keyof RiskLimits;
    if (name === 'restrictedSymbols') patch[name] = value === '' ? [] : value.split('|');
    else if (NUMERIC.includes(name)) {
      if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got "${value.slice(0, 40)}"`);
      patch[name] = Number(value);
    } else patch[name] = value;
  }
  if (Object.keys(patch).length === 0) throw new UsageError('--set names no limit');
  // the shape and bounds are the domain's; the OMS checks again against the account's own limits
  const checked = updateRiskLimits(DEFAULT_RISK_LIMITS, patch);
  if (!checked.ok) throw new UsageError(checked.refusals.map((r) => r.message).join('; '));
  return patch;
}

export const limitsSetCommand: AdminCommand = {
  name: 'limits:set',
  synopsis: '--account <id> --set <key=value,...>',
  description: `change an account's risk limits (a new limit-set version), e.g. --set maxOrderNotional=50000,restrictedSymbols=GME|AMC`,
  options: { account: { type: 'string' }, set: { type: 'string' } },
  prepare(values) {
    const accountId = requiredString(values, 'account', '<id>');
    const limits = parseLimits(requiredString(values, 'set', '<key=value,...>'));
    return async ({ commandSide }) => {
      const commandId = await commandSide.send(accountId, 'SetRiskLimits', { limits });
      return { json: { accountId, commandId, limits }, text: `limits sent for account ${accountId} (command ${commandId})` };
    };
  },
};
