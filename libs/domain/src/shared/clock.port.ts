/** Time enters the domain only through this port, so every decision can be replayed. */
export interface Clock {
  now(): Date;
}
