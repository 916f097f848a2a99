export * from './open-order-holds';
export * from './open-order-holds.query-repository';
export * from './order-list.filter';
export * from './orders.query-repository';
export * from './positions.query-repository';
export * from './progress-wait';
export * from './read-model-queries.module';
