// Real services on a shared 2-core machine: generous per-test time; retriable broker chatter
// (coordinator loading, ...) is silenced unless asked for with KAFKA_LOG_LEVEL.
jest.setTimeout(60_000);
process.env.KAFKA_LOG_LEVEL ??= 'nothing';
