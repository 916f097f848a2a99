export interface RateSearchPolicy {
  /** Extra steps at most, beyond the fixed rates. */
  readonly maxExtraSteps: number;
  /** Never offer more than this. */
  readonly ceiling: number;
  /** Above the highest passing rate when nothing failed yet. */
  readonly growth: number;
  /** Stop bisecting when the gap between pass and fail is this fraction of the failing rate. */
  readonly resolution: number;
}

export interface RateSearchResult {
  /** The highest passing rate below the lowest failing one; null if none passed. */
  readonly maxSustained: number | null;
  /** The search stopped at the ceiling with everything passing: the real maximum is higher. */
  readonly atCeiling: boolean;
  /** A rate passed above one that failed (a noisy machine). */
  readonly nonMonotonic: boolean;
}

/** Where the next step should go, or null when the search is done. */
export function nextRate(results: ReadonlyMap<number, boolean>, policy: RateSearchPolicy): number | null {
  const { lowestFail, highestPassBelow } = bounds(results);
  if (lowestFail === undefined) {
    if (highestPassBelow >= policy.ceiling) return null;
    return Math.min(policy.ceiling, roundRate(Math.max(highestPassBelow * policy.growth, 1)));
  }
  if ((lowestFail - highestPassBelow) / lowestFail <= policy.resolution) return null;
  const middle = roundRate((lowestFail + highestPassBelow) / 2);
  return results.has(middle) || middle <= 0 ? null : middle;
}

export function searchResult(results: ReadonlyMap<number, boolean>, policy: RateSearchPolicy): RateSearchResult {
  const { lowestFail, highestPassBelow } = bounds(results);
  const passedAbove = lowestFail !== undefined && [...results].some(([rate, passed]) => passed && rate > lowestFail);
  return {
    maxSustained: highestPassBelow > 0 ? highestPassBelow : null,
    atCeiling: lowestFail === undefined && highestPassBelow >= policy.ceiling,
    nonMonotonic: passedAbove,
  };
}

function bounds(results: ReadonlyMap<number, boolean>): { lowestFail: number | undefined; highestPassBelow: number } {
  const failed = [...results].filter(([, passed]) => !passed).map(([rate]) => rate);
  const lowestFail = failed.length > 0 ? Math.min(...failed) : undefined;
  const passed = [...results].filter(([rate, ok]) => ok && (lowestFail === undefined || rate < lowestFail)).map(([rate]) => rate);
  return { lowestFail, highestPassBelow: passed.length > 0 ? Math.max(...passed) : 0 };
}

/** Round figures: steps of 10 below 1,000, of 50 above. */
function roundRate(rate: number): number {
  const step = rate < 1000 ? 10 : 50;
  return Math.max(step, Math.round(rate / step) * step);
}
