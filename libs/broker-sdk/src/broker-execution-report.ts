import { DecimalString, IsoTime } from '@trading/domain';

interface ReportBase {
  /** Our order id (the broker order's client order id). */
  readonly clientOrderId: string;
  /** The broker's id of the order, when it has given one. */
  readonly brokerOrderId: string | null;
  /** When the broker says it happened. */
  readonly at: IsoTime;
}

/**
 * What a broker says about one of our orders. Reports are untrusted input: the OMS checks each
 * against the order before it changes anything, and a fill is applied at most once per
 * `executionId`, so a broker that repeats a report (resend after reconnect) changes nothing.
 */
export type BrokerExecutionReport =
  | (ReportBase & { readonly kind: 'acknowledged'; readonly venueStatus: 'new' | 'accepted' })
  | BrokerFill
  | (ReportBase & { readonly kind: 'canceled'; readonly reason: string | null })
  | (ReportBase & { readonly kind: 'cancel_rejected'; readonly reason: string | null })
  | (ReportBase & { readonly kind: 'rejected'; readonly reason: string | null })
  | (ReportBase & { readonly kind: 'expired' })
  /** On the old order: the broker accepted `replacementClientOrderId` in its place. */
  | (ReportBase & { readonly kind: 'replaced'; readonly replacementClientOrderId: string });

export interface BrokerFill extends ReportBase {
  readonly kind: 'partial_fill' | 'fill';
  /** The broker's id of this execution: stable across resends, unique per fill. */
  readonly executionId: string;
  readonly qty: DecimalString;
  readonly price: DecimalString;
  /** Where it executed (MIC or venue name). */
  readonly venue: string;
}

export type BrokerExecutionReportKind = BrokerExecutionReport['kind'];
