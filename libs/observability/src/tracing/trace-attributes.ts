/** Span attribute names: OpenTelemetry messaging conventions plus the trading ids. */
export const ATTR = {
  messagingSystem: 'messaging.system',
  messagingOperation: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  offset: 'messaging.kafka.offset',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  messageType: 'trading.message_type',
  correlationId: 'trading.correlation_id',
  accountId: 'trading.account_id',
  orderId: 'trading.order_id',
  broker: 'trading.broker',
  outcome: 'trading.outcome',
  rule: 'trading.rule',
  projection: 'trading.projection',
} as const;

/** The tracer every part of the backend uses; spans are no-ops until `startTracing` installs an SDK. */
export const TRACER_NAME = 'trading-backend';
