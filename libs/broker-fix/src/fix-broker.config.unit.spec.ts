import { fixBrokerConfig, FixBrokerConfigError } from './fix-broker.config';
import { fixTimestampToIso } from './fix-time';

const required = { host: '127.0.0.1', port: 9880, senderCompId: 'TRADING', targetCompId: 'EXEC', storeDirectory: '/tmp/fix' };

describe('fixBrokerConfig', () => {
  it('given only the required fields, then the defaults are filled in and the result is frozen', () => {
    const config = fixBrokerConfig(required);

    expect(config).toMatchObject({ ...required, name: 'fix', heartbeatSeconds: 30, resendOrders: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('given bad values, then every problem is named at once', () => {
    expect(() => fixBrokerConfig({ ...required, port: 0, senderCompId: 'with space', heartbeatSeconds: 0 })).toThrow(
      expect.objectContaining({
        code: 'BROKER_FIX.INVALID_CONFIG',
        message: expect.stringMatching(/port.*senderCompId.*heartbeatSeconds/) as string,
      }) as FixBrokerConfigError,
    );
  });
});

describe('fixTimestampToIso', () => {
  it.each([
    ['20240501-13:30:00', '2024-05-01T13:30:00.000Z'],
    ['20240501-13:30:00.5', '2024-05-01T13:30:00.500Z'],
    ['20240501-13:30:00.123456', '2024-05-01T13:30:00.123456Z'],
  ])('given %s, then %s', (text, iso) => {
    expect(fixTimestampToIso(text)).toBe(iso);
  });

  it.each(['2024-05-01T13:30:00Z', '20241301-13:30:00', '', undefined])('given %p, then null', (text) => {
    expect(fixTimestampToIso(text)).toBeNull();
  });
});
