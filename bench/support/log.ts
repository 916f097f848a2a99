/** Progress lines on stderr, so stdout carries only the report. */
export function log(message: string): void {
  const at = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${at}] ${message}\n`);
}
