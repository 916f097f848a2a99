import { BrokerRouter, parseExecutionRoutes } from './broker-router';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('BrokerRouter', () => {
  const router = new BrokerRouter(parseExecutionRoutes('default=paper, acct-123=fix'), ['paper', 'fix']);

  it('routes an account with its own route to its broker, every other to the default', () => {
    expect(router.brokerFor('acct-123')).toBe('fix');
    expect(router.brokerFor('acct-999')).toBe('paper');
    expect(router.brokerFor('constructor')).toBe('paper');
  });

  it('refuses routes naming a broker without an adapter', () => {
    expect(thrownBy(() => new BrokerRouter(parseExecutionRoutes('default=paper,a=fix'), ['paper']))).toMatchObject({
      code: 'EXECUTION.INVALID_ROUTES',
      details: { unknown: ['fix'] },
    });
  });

  it.each([
    ['no default', 'acct-1=paper'],
    ['a default given twice', 'default=paper,default=fix'],
    ['an account routed twice', 'default=paper,a=fix,a=paper'],
    ['an entry without =', 'default=paper,acct-1'],
  ])('refuses routes with %s', (_name, text) => {
    expect(thrownBy(() => parseExecutionRoutes(text))).toMatchObject({ code: 'EXECUTION.INVALID_ROUTES' });
  });
});
