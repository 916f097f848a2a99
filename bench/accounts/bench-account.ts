/** An account the benchmark opened, with the API key that authenticates its orders. */
export interface BenchAccount {
  readonly accountId: string;
  readonly keyId: string;
  readonly secretKey: string;
}

/** What the provisioner child prints on stdout, one JSON line. */
export interface ProvisionResult {
  readonly accounts: readonly BenchAccount[];
  readonly elapsedMs: number;
}
