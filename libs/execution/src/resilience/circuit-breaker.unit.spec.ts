import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  it('stays closed until the failures in a row reach the threshold, a success in between resets the count', () => {
    const breaker = new CircuitBreaker(2, 1000);
    breaker.failure(0);
    breaker.success();
    breaker.failure(0);

    expect(breaker.state(0)).toBe('closed');
    breaker.failure(0);
    expect(breaker.state(0)).toBe('open');
    expect(breaker.tryAcquire(999)).toBe(false);
  });

  it('after the pause lets one trial through; its success closes the breaker', () => {
    const breaker = new CircuitBreaker(1, 1000);
    breaker.failure(0);

    expect(breaker.tryAcquire(1000)).toBe(true);
    expect(breaker.tryAcquire(1000)).toBe(false);
    breaker.success();
    expect(breaker.state(1000)).toBe('closed');
  });

  it('a failed trial opens it again for another pause', () => {
    const breaker = new CircuitBreaker(3, 1000);
    for (let i = 0; i < 3; i++) breaker.failure(0);
    breaker.tryAcquire(1000);
    breaker.failure(1000);

    expect(breaker.state(1500)).toBe('open');
    expect(breaker.state(2000)).toBe('half-open');
  });
});
