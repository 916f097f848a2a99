/** Reads how far a read model has got in accounts' streams: the last applied seq per account. */
export interface ProgressProbe {
  readonly store: string;
  lastSeqs(accountIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
  close(): Promise<void>;
}
