/**
 * mulberry32, a small seeded PRNG, written as a pure step: the whole generator state is one
 * unsigned 32-bit integer that the caller carries, so a simulation can be replayed from its seed.
 */
export interface RandomDraw {
  /** Uniform in [0, 1). */
  readonly value: number;
  readonly state: number;
}

export function seedState(seed: number): number {
  return seed >>> 0;
}

export function nextRandom(state: number): RandomDraw {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296, state: next };
}

/** A uniform integer in [min, max], both included. */
export function nextInt(state: number, min: number, max: number): { readonly value: number; readonly state: number } {
  const draw = nextRandom(state);
  return { value: min + Math.floor(draw.value * (max - min + 1)), state: draw.state };
}
