/** The order id of a trade update's `data` (`{"event":…,"order":{"id":…}}`), or null. */
export function orderIdOfUpdate(data: string): string | null {
  try {
    const parsed = JSON.parse(data) as { order?: { id?: unknown } };
    return typeof parsed.order?.id === 'string' ? parsed.order.id : null;
  } catch {
    return null;
  }
}

/** The account stream seq of an SSE `id` (`<seq>` or `<seq>-<n>`), or null. */
export function seqOfEventId(id: string | null): number | null {
  if (id === null) return null;
  const seq = Number(id.split('-')[0]);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}
