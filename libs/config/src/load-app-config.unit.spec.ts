import { InvalidConfigError } from './invalid-config.error';
import { loadAppConfig } from './load-app-config';

function caught(run: () => unknown): InvalidConfigError {
  try {
    run();
  } catch (error) {
    return error as InvalidConfigError;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('loadAppConfig', () => {
  it('gives the documented local defaults when nothing is set', () => {
    const config = loadAppConfig({});

    expect(config).toMatchObject({
      PORT: 3000,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trading',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'trading-audit',
      S3_FORCE_PATH_STYLE: true,
      ALL_IN_ONE_BACKGROUND_NICE: 10,
      GATEWAY_MAX_ORDER_REQUESTS_IN_PROGRESS: 256,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses overrides into typed values', () => {
    const config = loadAppConfig({
      PORT: '8080',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      S3_FORCE_PATH_STYLE: 'false',
    });

    expect(config.PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('reads an empty variable as unset', () => {
    expect(loadAppConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('names every malformed setting and why', () => {
    const error = caught(() =>
      loadAppConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no-port-here', DATABASE_URL: 'mysql://x/y' }),
    );

    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error.code).toBe('CONFIG.INVALID');
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT']);
    expect(error.message).toMatch(/KAFKA_BROKERS: .*host:port/);
  });

  it('never echoes a value back, since some are secrets', () => {
    const error = caught(() => loadAppConfig({ S3_BUCKET: 'Not_A_Bucket_s3cr3t' }));

    expect(error.problems.map((p) => p.variable)).toEqual(['S3_BUCKET']);
    expect(error.message).not.toContain('s3cr3t');
  });

  it.each([
    ['PORT', '70000'],
    ['KAFKA_ACCOUNT_PARTITIONS', '0'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['NODE_ENV', 'staging'],
    ['KAFKA_TOPIC_PREFIX', 'has space'],
    ['GATEWAY_MAX_ORDER_REQUESTS_IN_PROGRESS', '-1'],
  ])('refuses %s=%s', (variable, value) => {
    expect(() => loadAppConfig({ [variable]: value })).toThrow(new RegExp(`${variable}:`));
  });
});
