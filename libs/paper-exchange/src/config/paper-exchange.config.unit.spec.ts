import { DEFAULT_PAPER_EXCHANGE_CONFIG, resolvePaperExchangeConfig } from './paper-exchange.config';

describe('paper exchange configuration', () => {
  it('defaults every setting and freezes the result', () => {
    const config = resolvePaperExchangeConfig();

    expect(config).toEqual(DEFAULT_PAPER_EXCHANGE_CONFIG);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps what is given', () => {
    expect(resolvePaperExchangeConfig({ seed: 9, rejectRate: 0.25, venue: 'SIM2', sessionCloseUtc: null })).toMatchObject({
      seed: 9,
      rejectRate: 0.25,
      venue: 'SIM2',
      sessionCloseUtc: null,
    });
  });

  it('refuses bad settings, naming each', () => {
    const resolving = () =>
      resolvePaperExchangeConfig({ rejectRate: 1.5, latencyMs: -1, maxQuoteParticipation: '0', sessionCloseUtc: '25:00', quotePollMs: 0 });

    expect(resolving).toThrow(expect.objectContaining({ code: 'PAPER.INVALID_CONFIG' }) as Error);
    expect(resolving).toThrow(/rejectRate.*latencyMs.*maxQuoteParticipation.*sessionCloseUtc.*quotePollMs/);
  });
});
