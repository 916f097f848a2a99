import { OrderTimeline } from '@trading/compliance';
import { textTable } from './text-table';

const brief = (details: unknown): string => {
  const text = JSON.stringify(details) ?? '';
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

export function renderTimeline(timeline: OrderTimeline, json: boolean): string {
  if (json) return JSON.stringify(timeline);
  const rows = timeline.entries.map((entry) => [
    entry.at, entry.kind, entry.type, entry.status ?? '', `${entry.topic}[${entry.partition}]@${entry.offset}`,
    entry.correlationId, entry.traceId ?? '', brief(entry.details),
  ]);
  return [
    `order ${timeline.orderId} of account ${timeline.accountId}: ${timeline.entries.length} entries`,
    textTable(['at', 'kind', 'type', 'status', 'record', 'correlation', 'trace', 'details'], rows),
  ].join('\n');
}
