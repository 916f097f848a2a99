export * from './dependency-probes';
export * from './health.controller';
export * from './health.module';
export * from './health.service';
