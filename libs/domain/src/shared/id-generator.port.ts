/** Ids enter the domain only through this port, so every decision can be replayed. */
export interface IdGenerator {
  next(): string;
}
