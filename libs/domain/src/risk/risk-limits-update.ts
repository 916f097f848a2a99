import { DecimalBounds, formatDecimal, parseDecimal } from '../decimal';
import { normalizeSymbol } from '../orders/order-limits';
import { JsonValue } from '../shared/json';
import { Checked, Refusal, accept, refusal, refuse } from '../shared/refusal';
import { RISK_LIMIT_KEYS, RiskLimits, RiskLimitsPatch } from './risk-limits';

const DECIMAL_LIMITS: Readonly<Partial<Record<keyof RiskLimits, DecimalBounds>>> = {
  maxOrderQty: { maxDecimals: 9, sign: 'non-negative', max: '1000000000' },
  maxOrderNotional: { maxDecimals: 2, sign: 'non-negative', max: '1000000000000' },
  maxPositionQty: { maxDecimals: 9, sign: 'non-negative', max: '1000000000' },
  priceCollarPct: { maxDecimals: 4, sign: 'non-negative', max: '1000' },
};

const invalid = (field: string, problem: string): Refusal =>
  refusal('LIMITS.INVALID', `${field} ${problem}`, { field });

/**
 * Validates a partial update from the admin and merges it into the current limits. Values are
 * normalized (decimals canonical, symbols upper-case, sorted, unique) so that equal limits are
 * equal data. Unknown keys are refused rather than silently ignored.
 */
export function updateRiskLimits(
  current: RiskLimits,
  patch: RiskLimitsPatch,
): Checked<{ readonly limits: RiskLimits; readonly changes: RiskLimitsPatch }> {
  const entries = Object.entries(patch as Record<string, unknown>).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return refuse(refusal('LIMITS.EMPTY_UPDATE', 'The update changes no limit'));
  const problems: Refusal[] = [];
  const changes: Record<string, JsonValue> = {};
  for (const [key, value] of entries) {
    const normalized = normalizeLimit(key, value);
    if (normalized.ok) changes[key] = normalized.value;
    else problems.push(invalid(key, normalized.problem));
  }
  const [first, ...rest] = problems;
  if (first) return refuse(first, ...rest);
  const typed = changes as RiskLimitsPatch;
  return accept({ limits: { ...current, ...typed }, changes: typed });
}

type Normalized = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: string };

const ok = (value: JsonValue): Normalized => ({ ok: true, value });
const bad = (problem: string): Normalized => ({ ok: false, problem });

function normalizeLimit(key: string, value: unknown): Normalized {
  if (!(RISK_LIMIT_KEYS as readonly string[]).includes(key)) return bad('is not a known limit');
  const bounds = DECIMAL_LIMITS[key as keyof RiskLimits];
  if (bounds) {
    if (typeof value !== 'string') return bad('must be a decimal string');
    const parsed = parseDecimal(value, bounds);
    return parsed.ok ? ok(formatDecimal(parsed.value)) : bad(parsed.problem);
  }
  if (key === 'restrictedSymbols') return normalizeSymbols(value);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return bad('must be a non-negative integer');
  }
  return ok(value);
}

function normalizeSymbols(value: unknown): Normalized {
  if (!Array.isArray(value)) return bad('must be a list of symbols');
  const symbols: string[] = [];
  for (const item of value as unknown[]) {
    const symbol = typeof item === 'string' ? normalizeSymbol(item) : null;
    if (symbol === null) return bad(`contains "${String(item).slice(0, 32)}", which is not a symbol`);
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  return ok(symbols.sort());
}
