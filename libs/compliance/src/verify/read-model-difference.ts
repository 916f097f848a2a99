/** One way the live read models disagree with the archive's reconstruction. */
export interface ReadModelDifference {
  readonly subject: 'order' | 'position' | 'cash';
  readonly accountId: string;
  /** The order id, the symbol, or `cash`. */
  readonly key: string;
  /** The field that differs; `(row)` when the whole row is missing on one side. */
  readonly field: string;
  /** JSON text of the value on each side; null when that side has no row. */
  readonly archive: string | null;
  readonly readModel: string | null;
}

export const MISSING_ROW = '(row)';

export function describeDifference(difference: ReadModelDifference): string {
  const where = `${difference.subject} ${difference.accountId}/${difference.key}`;
  if (difference.field === MISSING_ROW) {
    return difference.readModel === null ? `${where}: in the archive, missing from the read model` : `${where}: in the read model, not in the archive`;
  }
  return `${where} ${difference.field}: archive ${difference.archive ?? 'null'}, read model ${difference.readModel ?? 'null'}`;
}
