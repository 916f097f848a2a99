/** Right-aligned columns under a header, indented by two spaces. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}`;
  return [line(header), ...rows.map(line)];
}

export const pct = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value)} %`);
export const mib = (value: number | null): string => (value === null ? 'n/a' : `${Math.round(value)} MiB`);
export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
