import { DecimalString } from '../../decimal';
import { IsoTime } from '../../shared/iso-time';
import { VenueStatus } from '../../orders/order-status';

/**
 * What a broker adapter reports about one of our orders (`orderId` is the OMS order id). Reports
 * are untrusted: each is checked against the order before it changes anything.
 */
export type ExecutionReport =
  | { readonly kind: 'acknowledged'; readonly orderId: string; readonly venueStatus: VenueStatus }
  | FillReport
  | { readonly kind: 'canceled'; readonly orderId: string; readonly reason: string | null }
  | { readonly kind: 'cancel_rejected'; readonly orderId: string; readonly reason: string | null }
  | { readonly kind: 'rejected'; readonly orderId: string; readonly reason: string | null }
  | { readonly kind: 'expired'; readonly orderId: string }
  /** On the replaced (old) order: the broker accepted `replacementOrderId` in its place. */
  | { readonly kind: 'replaced'; readonly orderId: string; readonly replacementOrderId: string };

export interface FillReport {
  readonly kind: 'partial_fill' | 'fill';
  readonly orderId: string;
  readonly executionId: string;
  readonly qty: DecimalString;
  readonly price: DecimalString;
  /** Where it executed (MIC or venue name); absent or null in reports written before venues were recorded. */
  readonly venue?: string | null;
  /** When the broker says it executed; absent or null as `venue`. */
  readonly executedAt?: IsoTime | null;
}

export type ExecutionReportKind = ExecutionReport['kind'];
