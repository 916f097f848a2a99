// Real services on a shared 2-core machine: generous per-test time; retriable broker chatter
// (coordinator loading, ...) is silenced unless asked for with KAFKA_LOG_LEVEL.
jest.setTimeout(60_000);
process.env.KAFKA_LOG_LEVEL ??= 'nothing';
// The machine's Node 20 is supported by the pinned AWS SDK; its notice about future releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
