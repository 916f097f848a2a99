import { loadFixBrokerSettings } from './fix-broker.settings';

const complete = {
  FIX_HOST: '127.0.0.1',
  FIX_PORT: '9880',
  FIX_SENDER_COMP_ID: 'TRADING',
  FIX_TARGET_COMP_ID: 'EXEC',
  FIX_STORE_DIR: '/var/lib/trading/fix',
};

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('loadFixBrokerSettings', () => {
  it('given no FIX variable, then there is no FIX adapter', () => {
    expect(loadFixBrokerSettings({ PORT: '3000', FIX_HOST: '' })).toBeNull();
  });

  it('given the required variables, then the adapter options carry them and the defaults stay unset', () => {
    expect(loadFixBrokerSettings(complete)).toEqual({
      host: '127.0.0.1',
      port: 9880,
      senderCompId: 'TRADING',
      targetCompId: 'EXEC',
      storeDirectory: '/var/lib/trading/fix',
    });
  });

  it('given the optional variables, then they are read', () => {
    expect(
      loadFixBrokerSettings({ ...complete, FIX_HEARTBEAT_SECONDS: '5', FIX_VENUE: 'XNAS', FIX_RESEND_ORDERS: 'true', FIX_ADAPTER_NAME: 'fix-b' }),
    ).toMatchObject({ heartbeatSeconds: 5, venue: 'XNAS', resendOrders: true, name: 'fix-b' });
  });

  it('given some FIX variables but not all required, then it throws BROKER_FIX.INVALID_SETTINGS naming each missing one', () => {
    expect(thrown(() => loadFixBrokerSettings({ FIX_HOST: '127.0.0.1', FIX_PORT: '9880' }))).toMatchObject({
      code: 'BROKER_FIX.INVALID_SETTINGS',
      details: { variables: ['FIX_SENDER_COMP_ID', 'FIX_TARGET_COMP_ID', 'FIX_STORE_DIR'] },
    });
  });

  it('given a malformed value, then the error names the variable without echoing the value', () => {
    const caught = thrown(() => loadFixBrokerSettings({ ...complete, FIX_PORT: 'port-nine', FIX_TARGET_COMP_ID: 'has space' }));
    expect(caught).toMatchObject({ code: 'BROKER_FIX.INVALID_SETTINGS', details: { variables: ['FIX_PORT', 'FIX_TARGET_COMP_ID'] } });
    expect(String((caught as Error).message)).not.toContain('port-nine');
  });
});
