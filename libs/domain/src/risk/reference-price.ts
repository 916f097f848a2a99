import { DecimalString } from '../decimal';
import { IsoTime } from '../shared/iso-time';

/** The latest price the OMS knew for a symbol when it decided, and where it came from. */
export interface ReferencePrice {
  readonly symbol: string;
  readonly price: DecimalString;
  readonly at: IsoTime;
  readonly source: string;
}
