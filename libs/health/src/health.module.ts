import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HEALTH_DEPENDENCIES, HealthDependency, HealthService } from './health.service';

/**
 * `GET /health/live` and `GET /health/ready` on a process's HTTP API: ready when every listed
 * dependency answers and every module reports ready (`ReadinessProbes`). The clients come from the
 * modules the process already imports (MessagingModule, PersistenceModule, RedisModule).
 */
@Module({})
export class HealthModule {
  static forRoot(dependencies: readonly HealthDependency[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [HealthService, { provide: HEALTH_DEPENDENCIES, useValue: Object.freeze([...dependencies]) }],
    };
  }
}
