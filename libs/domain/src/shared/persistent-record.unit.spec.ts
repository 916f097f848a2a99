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

  it('given a record, when keys are deleted, then the new record lacks them and the old one is unchanged', () => {
    const before = build(Array.from({ length: 100 }, (_, index) => `k${index}`));

    const after = before.delete('k3').delete('k99').delete('absent');

    expect(after.size).toBe(98);
    expect(after.has('k3')).toBe(false);
    expect(after.get('k99')).toBeUndefined();
    expect([...after.keys()].slice(0, 4)).toEqual(['k0', 'k1', 'k2', 'k4']);
    expect(before.size).toBe(100);
    expect(before.get('k3')).toBe(3);
    expect(before.delete('absent')).toBe(before);
  });

  it('given a deleted key, when it is set again, then it goes last, as in a Map', () => {
    const record = build(Array.from({ length: 100 }, (_, index) => `k${index}`));

    const readded = record.delete('k0').set('k0', 7);

    expect([...readded.keys()].slice(-2)).toEqual(['k99', 'k0']);
    expect(readded.get('k0')).toBe(7);
    expect(readded.size).toBe(100);
  });

  it('behaves as a Map that is copied at every set and delete (any sequence, every version kept)', () => {
    // up to 90 distinct keys: the overlay outgrows its 32 and merges, several times a run
    const key = fc.integer({ min: 0, max: 89 }).map((n) => (n === 0 ? '__proto__' : n < 5 ? String(n) : `k${n}`));
    const change = fc.oneof(
      fc.tuple(fc.constant('set' as const), key, fc.integer()),
      fc.tuple(fc.constant('delete' as const), key, fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 40, maxLength: 300, size: 'max' }), (changes) => {
        let record = PersistentRecord.empty<number>();
        let model = new Map<string, number>();
        const versions: [PersistentRecord<number>, Map<string, number>][] = [];
        for (const [kind, name, value] of changes) {
          record = kind === 'set' ? record.set(name, value) : record.delete(name);
          model = new Map(model);
          if (kind === 'set') model.set(name, value);
          else model.delete(name);
          versions.push([record, model]);
        }
        // one expectation per run: comparing thousands of versions through jest's matchers takes minutes
        const differing = versions.filter(([version, expected]) => {
          const probes = ['k7', '__proto__', '1', 'z'];
          return (
            JSON.stringify([...version.entries()]) !== JSON.stringify([...expected.entries()]) ||
            version.size !== expected.size ||
            probes.some((probe) => version.get(probe) !== expected.get(probe) || version.has(probe) !== expected.has(probe))
          );
        });
        expect(differing.map(([version]) => [...version.entries()])).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
