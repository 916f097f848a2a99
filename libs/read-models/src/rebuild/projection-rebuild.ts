import { createDynamoDbClient } from '@trading/persistence';
import { OrdersRebuild } from './orders.rebuild';
import { PositionsRebuild } from './positions.rebuild';
import { RebuildDependencies, RebuildReport } from './rebuild.dependencies';

export const REBUILDABLE_PROJECTIONS = ['orders', 'positions'] as const;
export type RebuildableProjection = (typeof REBUILDABLE_PROJECTIONS)[number];

export interface ProjectionRebuilderConfig {
  readonly dynamodbEndpoint: string;
  readonly awsRegion: string;
  readonly tablePrefix: string;
}

/** Runs one rebuild to its switch-over; what the admin CLI calls. */
export class ProjectionRebuilder {
  constructor(
    private readonly deps: RebuildDependencies,
    private readonly config: ProjectionRebuilderConfig,
  ) {}

  async rebuild(projection: RebuildableProjection): Promise<RebuildReport> {
    // sortable, and valid in a schema, table and group name
    const label = this.deps.clock.now().toISOString().replace(/\D/g, '').slice(0, 17);
    if (projection === 'orders') return new OrdersRebuild(this.deps, { label }).run();
    const dynamodb = createDynamoDbClient({ endpoint: this.config.dynamodbEndpoint, region: this.config.awsRegion });
    try {
      return await new PositionsRebuild({ ...this.deps, dynamodb, tablePrefix: this.config.tablePrefix }, { label }).run();
    } finally {
      dynamodb.destroy();
    }
  }
}
