import { CONSISTENCY_TOKEN_HEADER, formatConsistencyToken, parseConsistencyToken } from './consistency-token';
import { MalformedConsistencyTokenError } from './consistency.errors';

const refusal = (value: string | string[]): unknown => {
  try {
    parseConsistencyToken(value);
  } catch (error) {
    return error;
  }
  return null;
};

describe('the consistency token', () => {
  it('given no header, then the read waits for nothing', () => {
    expect(parseConsistencyToken(undefined)).toBeNull();
  });

  it('given the seq a write answered with, then it reads back as that seq', () => {
    expect(parseConsistencyToken(formatConsistencyToken(42))).toBe(42);
    expect(parseConsistencyToken(' 7 ')).toBe(7);
  });

  it.each(['', '0', '-3', '1.5', '1e3', 'abc', '007', '1234567890123456'])('given "%s", then it is refused with 422 naming the header', (text) => {
    const error = refusal(text);

    expect(error).toBeInstanceOf(MalformedConsistencyTokenError);
    expect(error).toMatchObject({ code: 'CONSISTENCY.MALFORMED_TOKEN', details: { field: CONSISTENCY_TOKEN_HEADER } });
    expect((error as Error).message).toContain(CONSISTENCY_TOKEN_HEADER);
  });

  it('given the header twice, then it is refused', () => {
    expect(refusal(['1', '2'])).toBeInstanceOf(MalformedConsistencyTokenError);
  });
});
