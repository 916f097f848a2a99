import { CodedError } from '@trading/domain';

export class RoutingConfigError extends CodedError {
  readonly code = 'EXECUTION.INVALID_ROUTES';
}

/** Which broker adapter serves an account: its own route, else the default. */
export interface ExecutionRoutes {
  readonly defaultBroker: string;
  readonly byAccount: Readonly<Record<string, string>>;
}

/** Pure and frozen: the same account always goes to the same broker for one configuration. */
export class BrokerRouter {
  private readonly routes: ExecutionRoutes;

  constructor(routes: ExecutionRoutes, knownBrokers: readonly string[]) {
    const unknown = [routes.defaultBroker, ...Object.values(routes.byAccount)].filter((b) => !knownBrokers.includes(b));
    if (unknown.length > 0) {
      throw new RoutingConfigError(`Routes name brokers without an adapter: ${[...new Set(unknown)].join(', ')}`, {
        unknown: [...new Set(unknown)],
        known: [...knownBrokers],
      });
    }
    this.routes = Object.freeze({ defaultBroker: routes.defaultBroker, byAccount: Object.freeze({ ...routes.byAccount }) });
  }

  brokerFor(accountId: string): string {
    return Object.prototype.hasOwnProperty.call(this.routes.byAccount, accountId)
      ? (this.routes.byAccount[accountId] ?? this.routes.defaultBroker)
      : this.routes.defaultBroker;
  }
}

/**
 * Reads `default=paper,acct-123=fix` (the `EXECUTION_ROUTES` setting). `default` is required; an
 * account named twice is an error, as is anything that is not `name=broker`.
 */
export function parseExecutionRoutes(text: string): ExecutionRoutes {
  const byAccount: Record<string, string> = {};
  let defaultBroker: string | undefined;
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const match = /^([A-Za-z0-9._:@-]{1,128})=([a-z0-9-]{1,32})$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new RoutingConfigError(`Invalid route "${entry}": expected account=broker`, { entry });
    const [, account, broker] = match;
    if (account === 'default') {
      if (defaultBroker !== undefined) throw new RoutingConfigError('The default route is given twice', { entry });
      defaultBroker = broker;
    } else {
      if (Object.prototype.hasOwnProperty.call(byAccount, account)) {
        throw new RoutingConfigError(`Account ${account} is routed twice`, { account });
      }
      byAccount[account] = broker;
    }
  }
  if (defaultBroker === undefined) throw new RoutingConfigError('No default route (default=<broker>)', { routes: text });
  return { defaultBroker, byAccount };
}
