import { Context } from '@opentelemetry/api';
import { IHeaders, Message } from 'kafkajs';
import { EventEnvelope } from '../envelope/event-envelope';
import { injectTraceContext } from '../trace/trace-context';

export const HEADER = {
  contentType: 'content-type',
  messageType: 'message-type',
  schemaVersion: 'schema-version',
} as const;

/**
 * One envelope as one Kafka record. The key defaults to the account so that everything of one
 * account lands on the same partition number of every co-partitioned topic.
 */
export function encodeEnvelope(
  envelope: EventEnvelope,
  options: { key?: string; traceContext?: Context } = {},
): Message {
  const headers: IHeaders = {
    [HEADER.contentType]: 'application/json',
    [HEADER.messageType]: envelope.type,
    [HEADER.schemaVersion]: String(envelope.schemaVersion),
  };
  injectTraceContext(headers, options.traceContext);
  return {
    key: options.key ?? envelope.accountId,
    value: JSON.stringify(envelope),
    headers,
  };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
