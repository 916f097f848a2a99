import { ReadinessProbes } from './readiness.probes';

describe('ReadinessProbes', () => {
  it('given a report of another thread included, when checked, then its checks stand beside the own ones and decide the status too', async () => {
    const probes = new ReadinessProbes(200);
    probes.register('oms-partition-state', () => true);
    probes.include('background', async () => ({
      status: 'unavailable',
      checks: { 'execution-partitions': { status: 'up' }, 'positions-store': { status: 'down', error: 'no table' } },
    }));

    expect(await probes.check()).toEqual({
      status: 'unavailable',
      checks: {
        'oms-partition-state': { status: 'up' },
        'execution-partitions': { status: 'up' },
        'positions-store': { status: 'down', error: 'no table' },
      },
    });
  });

  it('given an included report that cannot be had, when checked, then a check under its name is down with the reason', async () => {
    const probes = new ReadinessProbes(200);
    probes.register('oms-partition-state', () => true);
    probes.include('background', () => Promise.reject(new Error('background thread ended (exit code 1); restarting in 1000 ms')));
    probes.include('silent', () => new Promise(() => undefined));

    expect(await probes.check()).toEqual({
      status: 'unavailable',
      checks: {
        'oms-partition-state': { status: 'up' },
        background: { status: 'down', error: 'background thread ended (exit code 1); restarting in 1000 ms' },
        silent: { status: 'down', error: 'no answer within 200 ms' },
      },
    });
  });

  it('given an included report stopped, when checked, then it no longer counts', async () => {
    const probes = new ReadinessProbes(200);
    const stop = probes.include('background', () => Promise.reject(new Error('down')));
    stop();

    expect(await probes.check()).toEqual({ status: 'ok', checks: {} });
  });
});
