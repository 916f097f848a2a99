import { Writable } from 'node:stream';
import { JsonLogger } from './json.logger';
import { withLogContext } from './log-context';

const SECRET = 'sk-9f8e7d6c5b4a-TOP-SECRET';

/** A logger writing JSON lines to memory. */
function capture(level: 'log' | 'debug' = 'log') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = new JsonLogger({ service: 'oms', level, destination });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
  it('given a log context, when a line is written, then it is JSON with service, level, time, msg, context and the ids', () => {
    const { logger, records } = capture();

    withLogContext({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7', correlation_id: 'corr-1', account_id: 'acc-1' }, () =>
      logger.log('order accepted', 'AccountBookProgram'),
    );

    expect(records()).toEqual([
      expect.objectContaining({
        service: 'oms',
        level: 'info',
        msg: 'order accepted',
        context: 'AccountBookProgram',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        span_id: '00f067aa0ba902b7',
        correlation_id: 'corr-1',
        account_id: 'acc-1',
      }),
    ]);
    expect(new Date(records()[0]?.time as string).toISOString()).toBe(records()[0]?.time);
  });

  it('given nested contexts, when written, then the inner fields win and the outer ones stay', () => {
    const { logger, records } = capture();

    withLogContext({ correlation_id: 'corr-outer', account_id: 'acc-1' }, () =>
      withLogContext({ correlation_id: 'corr-inner' }, () => logger.warn('nested')),
    );
    logger.warn('outside');

    expect(records().map((r) => [r.level, r.correlation_id, r.account_id])).toEqual([
      ['warn', 'corr-inner', 'acc-1'],
      ['warn', undefined, undefined],
    ]);
  });

  it('given secrets in fields, headers, errors and message text, when logged, then the secret never appears in the output', () => {
    const { logger, lines } = capture('debug');

    logger.log({ request: { headers: { 'APCA-API-KEY-ID': 'PKTEST', 'APCA-API-SECRET-KEY': SECRET, authorization: `Bearer ${SECRET}` } } });
    logger.log('account created', { accountId: 'acc-1', keyId: 'PKTEST', secretKey: SECRET }, 'Admin');
    logger.debug({ user: 'trading', password: SECRET, nested: [{ S3_SECRET_ACCESS_KEY: SECRET }] });
    logger.warn(`retrying with APCA-API-SECRET-KEY: ${SECRET} and Authorization: Bearer ${SECRET}`);
    logger.warn(`connecting to postgres://trading:${SECRET}@db:5432/trading`);
    logger.error(new Error(`login failed for {"secretKey":"${SECRET}"}`));
    logger.error(`config rejected password=${SECRET}`, `Error: boom\n    at secret=${SECRET}`, 'Config');

    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).not.toContain(SECRET);
    expect(lines.join('\n')).toContain('[REDACTED]');
    expect(lines.join('\n')).toContain('PKTEST');
  });

  it('given level log, when debug is written, then nothing is output', () => {
    const { logger, lines } = capture('log');

    logger.debug('noise');
    logger.verbose('more noise');

    expect(lines).toEqual([]);
  });
});
