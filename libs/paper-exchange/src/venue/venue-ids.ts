/** Broker order ids and execution ids: counters under the venue name, so a replay gives the same ids. */
export class VenueIds {
  private orders = 0;
  private executions = 0;

  constructor(private readonly venue: string) {}

  order(): string {
    return `${this.venue}-O${String(++this.orders).padStart(8, '0')}`;
  }

  execution(): string {
    return `${this.venue}-X${String(++this.executions).padStart(8, '0')}`;
  }
}
