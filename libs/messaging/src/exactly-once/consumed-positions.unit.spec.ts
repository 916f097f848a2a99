import { CONSUMED_HEADER, consumedPositionsOf, encodeConsumedPositions, furthestPositions } from './consumed-positions';

describe('consumed positions header', () => {
  it('round-trips the next offset of every input topic, as a record would carry it', () => {
    const positions = new Map([
      ['bench-1.trading.commands', 1_234n],
      ['bench-1.trading.execution-reports', 9_007_199_254_740_993n],
    ]);

    const text = encodeConsumedPositions(positions);
    const received = consumedPositionsOf({ [CONSUMED_HEADER]: Buffer.from(text) });

    expect(text).toBe('bench-1.trading.commands=1234,bench-1.trading.execution-reports=9007199254740993');
    expect(received).toEqual(positions);
  });

  it('finds no positions on a record without the header', () => {
    expect(consumedPositionsOf({ 'content-type': 'application/json' }).size).toBe(0);
    expect(consumedPositionsOf(undefined).size).toBe(0);
  });

  it.each(['commands', 'commands=', 'commands=-1', 'commands=1.5', 'a b=1', 'commands=1,'])('refuses the malformed header "%s"', (text) => {
    expect(() => consumedPositionsOf({ [CONSUMED_HEADER]: text })).toThrow(/eo-consumed header .* is malformed/);
  });
});

describe('furthestPositions', () => {
  it('keeps the further offset of each topic and every topic of either side', () => {
    const committed = new Map([
      ['commands', 10n],
      ['reports', 50n],
    ]);
    const fromLog = new Map([
      ['commands', 42n],
      ['reports', 7n],
      ['quotes', 3n],
    ]);

    expect(furthestPositions(committed, fromLog)).toEqual(
      new Map([
        ['commands', 42n],
        ['reports', 50n],
        ['quotes', 3n],
      ]),
    );
  });
});
