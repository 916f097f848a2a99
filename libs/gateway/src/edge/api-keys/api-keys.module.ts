import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from '@trading/persistence';
import { API_KEYS_OPTIONS, ApiKeysModuleOptions, resolveApiKeysOptions } from '../gateway-edge.options';
import { ApiKeyService } from './api-key.service';

/**
 * `ApiKeyService` alone, for processes that manage keys without serving HTTP (the admin CLI).
 * Needs the TypeORM root connection (`PersistenceModule`).
 */
@Module({})
export class ApiKeysModule {
  static forRoot(options: ApiKeysModuleOptions = {}): DynamicModule {
    return {
      module: ApiKeysModule,
      imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
      providers: [{ provide: API_KEYS_OPTIONS, useValue: resolveApiKeysOptions(options) }, ApiKeyService],
      exports: [ApiKeyService],
    };
  }
}
