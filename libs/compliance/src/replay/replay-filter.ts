/** What a compliance run looks at: which accounts and symbols, up to which instant. */
export interface ReplayFilter {
  /** Only these accounts (null: every account). */
  readonly accountIds: ReadonlySet<string> | null;
  /** Only orders and positions in these symbols (null: every symbol). Cash is per account. */
  readonly symbols: ReadonlySet<string> | null;
  /** Events that occurred after this instant are not folded. */
  readonly asOf: Date;
}

export const wantsAccount = (filter: Pick<ReplayFilter, 'accountIds'>, accountId: string): boolean =>
  filter.accountIds === null || filter.accountIds.has(accountId);

export const wantsSymbol = (filter: Pick<ReplayFilter, 'symbols'>, symbol: string): boolean =>
  filter.symbols === null || filter.symbols.has(symbol.toUpperCase());
