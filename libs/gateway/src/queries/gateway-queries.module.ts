import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@trading/domain';
import { LATEST_QUOTES, LatestQuotes } from '@trading/market-data';
import { CLOCK } from '@trading/messaging';
import {
  OpenOrderHoldsQueryRepository,
  OrdersProgress,
  PositionsProgress,
  PositionsQueryRepository,
  ReadModelQueriesModule,
} from '@trading/read-models';
import { GatewayEdgeModule } from '../edge/gateway-edge.module';
import { GatewayEdgeModuleOptions } from '../edge/gateway-edge.options';
import { AccountController } from './account.controller';
import { PortfolioService } from './portfolio.service';
import { PositionsController } from './positions.controller';
import { DEFAULT_CONSISTENCY_TIMEOUT_MS, ReadYourWrites } from './read-your-writes';

export interface GatewayQueriesModuleOptions {
  /** The host's market-data module (its LATEST_QUOTES prices the positions). */
  readonly marketData: DynamicModule;
  /** How long a read with `X-Consistency-Token` waits for the read models (default 2000). */
  readonly consistencyTimeoutMs?: number;
  /** The same edge options as GatewayOrdersModule's, so both share one edge. */
  readonly edge?: GatewayEdgeModuleOptions;
}

/** `GET /v2/positions`, `GET /v2/positions/{symbol}`, `GET /v2/account`, from the read models. */
@Module({})
export class GatewayQueriesModule {
  static forRoot(options: GatewayQueriesModuleOptions): DynamicModule {
    return {
      module: GatewayQueriesModule,
      imports: [GatewayEdgeModule.forRoot(options.edge), ReadModelQueriesModule, options.marketData],
      controllers: [PositionsController, AccountController],
      providers: [
        { provide: ReadYourWrites, useFactory: () => new ReadYourWrites({ timeoutMs: options.consistencyTimeoutMs ?? DEFAULT_CONSISTENCY_TIMEOUT_MS }) },
        {
          provide: PortfolioService,
          inject: [PositionsQueryRepository, OpenOrderHoldsQueryRepository, PositionsProgress, OrdersProgress, LATEST_QUOTES, CLOCK, ReadYourWrites],
          useFactory: (
            positions: PositionsQueryRepository,
            holds: OpenOrderHoldsQueryRepository,
            positionsProgress: PositionsProgress,
            ordersProgress: OrdersProgress,
            quotes: LatestQuotes,
            clock: Clock,
            consistency: ReadYourWrites,
          ) => new PortfolioService(positions, holds, positionsProgress, ordersProgress, quotes, clock, consistency),
        },
      ],
      exports: [PortfolioService],
    };
  }
}
