export * from './broker-adapter.port';
export * from './broker-execution-report';
export * from './broker-order';
export * from './broker-order-snapshot';
export * from './broker.errors';
