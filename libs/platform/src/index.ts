export * from './process-lifecycle';
export * from './module-worker';
