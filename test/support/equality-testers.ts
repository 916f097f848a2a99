import { expect } from '@jest/globals';
import { PersistentRecord } from '@trading/domain';

/**
 * Every test project's setup: jest compares a `PersistentRecord` by its entries, as it compares a
 * Map, whatever its inner layout (base and overlay) and whether the other side is a plain record.
 */
type Tester = Parameters<typeof expect.addEqualityTesters>[0][number];

const persistentRecordEquality: Tester = function (a: unknown, b: unknown, testers) {
  const plainA = a instanceof PersistentRecord ? a.toJSON() : a;
  const plainB = b instanceof PersistentRecord ? b.toJSON() : b;
  if (plainA === a && plainB === b) return undefined;
  return this.equals(plainA, plainB, testers);
};

expect.addEqualityTesters([persistentRecordEquality]);
