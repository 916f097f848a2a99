import { InvalidConfigError } from './invalid-config.error';
import { loadAppConfig } from './load-app-config';

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
    const attempt = () =>
      loadAppConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no-port-here', DATABASE_URL: 'mysql://x/y' });

    expect(attempt).toThrow(InvalidConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as InvalidConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT']);
      expect((error as InvalidConfigError).code).toBe('CONFIG.INVALID');
      expect((error as Error).message).toMatch(/KAFKA_BROKERS: .*host:port/);
    }
  });

  it('never echoes a value back, since some are secrets', () => {
    expect(() => loadAppConfig({ S3_BUCKET: 'Not_A_Bucket_s3cr3t' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') as unknown }),
    );
  });

  it.each([
    ['PORT', '70000'],
    ['KAFKA_ACCOUNT_PARTITIONS', '0'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['NODE_ENV', 'staging'],
    ['KAFKA_TOPIC_PREFIX', 'has space'],
  ])('refuses %s=%s', (variable, value) => {
    expect(() => loadAppConfig({ [variable]: value })).toThrow(new RegExp(`${variable}:`));
  });
});
