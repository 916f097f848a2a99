import fc from 'fast-check';
import { PersistentRecord } from './persistent-record';

const build = (keys: readonly string[]): PersistentRecord<number> =>
  keys.reduce((record, key, index) => record.set(key, index), PersistentRecord.empty<number>());

describe('PersistentRecord', () => {
  it('given a record, when a key is set, then the new record has it and the old one is unchanged', () => {
    const before = build(['a', 'b']);

    const after = before.set('c', 9).set('a', 7);

    expect([...after.entries()]).toEqual([['a', 7], ['b', 1], ['c', 9]]);
    expect([...before.entries()]).toEqual([['a', 0], ['b', 1]]);
    expect(after.size).toBe(3);
    expect(before.size).toBe(2);
    expect(after.has('c')).toBe(true);
    expect(before.has('c')).toBe(false);
    expect(before.get('c')).toBeUndefined();
  });

  it('given many keys, when they merge into a new base, then they keep the order they were first set in', () => {
    const keys = Array.from({ length: 1_000 }, (_, index) => `order-${(index * 7919) % 1_000}`);

    const record = keys.reduce((current, key) => current.set(key, 0), PersistentRecord.empty<number>()).set(keys[0] ?? '', 1);

    expect([...record.keys()]).toEqual(keys);
    expect(record.get(keys[0] ?? '')).toBe(1);
    expect(record.size).toBe(1_000);
  });

  it('given keys named like Object.prototype members, then they are plain entries, in JSON too', () => {
    const record = PersistentRecord.empty<string>().set('__proto__', 'x').set('constructor', 'y');

    expect(record.get('__proto__')).toBe('x');
    expect(record.has('toString')).toBe(false);
    expect(record.get('hasOwnProperty')).toBeUndefined();
    expect(Object.keys(record.toJSON())).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(record)).toBe('{"__proto__":"x","constructor":"y"}');
  });

  it('given a plain record, then it reads the same entries back', () => {
    const record = PersistentRecord.fromRecord({ b: 1, a: 2 });

    expect(record.toJSON()).toEqual({ b: 1, a: 2 });
    expect([...record.values()]).toEqual([1, 2]);
  });

  it('given two records with the same entries built differently, then jest sees them equal, and unequal to other entries', () => {
    const stepByStep = build(Array.from({ length: 100 }, (_, index) => `k${index}`));
    const atOnce = PersistentRecord.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, index] as const));

    expect(stepByStep).toEqual(atOnce);
    expect(stepByStep).not.toEqual(atOnce.set('k1', 5));
    expect({ orders: stepByStep.set('k0', 3) }).not.toEqual({ orders: atOnce });
  });

  it('behaves as a Map that is copied at every set (any sequence of sets, every version kept)', () => {
    // up to 90 distinct keys: the overlay outgrows its 32 and merges, several times a run
      const key = fc.integer({ min: 0, max: 89 }).map((n) => (n === 0 ? '__proto__' : n < 5 ? String(n) : `k${n}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { minLength: 40, maxLength: 300, size: 'max' }), (sets) => {
        let record = PersistentRecord.empty<number>();
        let model = new Map<string, number>();
        const versions: [PersistentRecord<number>, Map<string, number>][] = [];
        for (const [name, value] of sets) {
          record = record.set(name, value);
          model = new Map(model).set(name, value);
          versions.push([record, model]);
        }
        for (const [version, expected] of versions) {
          expect([...version.entries()]).toEqual([...expected.entries()]);
          expect(version.size).toBe(expected.size);
          for (const probe of ['k7', '__proto__', '1', 'z']) expect(version.get(probe)).toBe(expected.get(probe));
        }
      }),
      { numRuns: 100 },
    );
  });
});
