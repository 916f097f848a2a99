export * from './shared/clock.port';
export * from './shared/coded-error';
export * from './shared/decider';
export * from './shared/id-generator.port';
