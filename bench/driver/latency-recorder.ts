export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Latency samples in milliseconds; percentiles by nearest rank over every sample (no bucketing). */
export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size] = ms;
    this.size += 1;
  }

  get count(): number {
    return this.size;
  }

  summary(): LatencySummary | null {
    if (this.size === 0) return null;
    const sorted = this.samples.slice(0, this.size).sort();
    const at = (p: number): number => sorted[Math.min(this.size - 1, Math.max(0, Math.ceil(p * this.size) - 1))] ?? NaN;
    let sum = 0;
    for (const value of sorted) sum += value;
    return { count: this.size, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: sum / this.size };
  }
}
