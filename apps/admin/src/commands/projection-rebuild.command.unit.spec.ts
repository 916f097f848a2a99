import { RebuildableProjection, RebuildReport } from '@trading/read-models';
import { parseAdminArgs } from '../admin-cli';
import { AdminServices, AdminTask, UsageError } from './admin-command';

function taskOf(argv: string[]): AdminTask {
  const invocation = parseAdminArgs(argv);
  if (invocation.kind !== 'run') throw new Error(`expected a command to run, got ${invocation.kind}`);
  return invocation.task;
}

/** Only the rebuilder is used; it records what it was asked to rebuild. */
function servicesRecording(asked: RebuildableProjection[]): AdminServices {
  const rebuilder = {
    rebuild: async (projection: RebuildableProjection): Promise<RebuildReport> => {
      asked.push(projection);
      return { projection, active: 'public', previous: 'orders_old_1', deadLettersSkipped: 0 };
    },
  };
  return { rebuilder } as unknown as AdminServices;
}

describe('projection:rebuild', () => {
  it('given --projection orders, when run, then it rebuilds the orders projection and reports where it lives now', async () => {
    const asked: RebuildableProjection[] = [];

    const result = await taskOf(['projection:rebuild', '--projection', 'orders'])(servicesRecording(asked));

    expect(asked).toEqual(['orders']);
    expect(result.json).toEqual({ projection: 'orders', active: 'public', previous: 'orders_old_1', deadLettersSkipped: 0 });
    expect(result.text).toContain('orders_old_1');
  });

  it('given an unknown or missing projection, then the arguments are refused before anything connects', () => {
    expect(() => taskOf(['projection:rebuild', '--projection', 'trades'])).toThrow(UsageError);
    expect(() => taskOf(['projection:rebuild'])).toThrow(UsageError);
  });
});
