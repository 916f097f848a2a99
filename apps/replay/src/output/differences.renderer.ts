import { describeDifference, ReadModelDifference } from '@trading/compliance';

export function renderDifferences(differences: readonly ReadModelDifference[], compared: { orders: number; positions: number; accounts: number }, json: boolean): string {
  if (json) return JSON.stringify({ ok: differences.length === 0, compared, differences });
  const summary = `compared ${compared.orders} orders, ${compared.positions} positions, ${compared.accounts} accounts' cash: ${differences.length} differences`;
  return [...differences.map(describeDifference), summary].join('\n');
}
