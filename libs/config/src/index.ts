export * from './app-config.module';
export * from './app-config.schema';
export * from './invalid-config.error';
export * from './load-app-config';
