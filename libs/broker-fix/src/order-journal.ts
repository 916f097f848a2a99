import { BrokerExecutionReport, BrokerFill, BrokerOrder, BrokerOrderSnapshot, BrokerOrderState } from '@trading/broker-sdk';
import { Dec, DecimalString, epochMs, formatQty, IsoTime } from '@trading/domain';
import { OrderJournalRecord } from './order-journal.records';
import { SentRequest } from './sent-request';

interface Entry {
  readonly order: BrokerOrder;
  readonly brokerOrderId: string | null;
  readonly state: BrokerOrderState;
  readonly filledQty: DecimalString;
  readonly updatedAt: IsoTime;
  /** The counterparty has said something about the order itself (not just refused a cancel). */
  readonly answered: boolean;
}

const TERMINAL: readonly BrokerOrderState[] = ['filled', 'canceled', 'rejected', 'expired', 'replaced'];

/**
 * What this adapter has sent and heard, so `lookup`, `openOrders` and `fills` can answer: FIX has
 * no standard query of orders or fills, and the QuickFIX/J executor answers no OrderStatusRequest.
 * Applying the same fill twice (a resend) changes nothing. It is the fold of the durable
 * `OrderJournalRecord`s (`fold`), so a new process rebuilds it from the journal file.
 */
export class OrderJournal {
  private readonly orders = new Map<string, Entry>();
  private readonly pendingReplacements = new Map<string, BrokerOrder>();
  private readonly fillsById = new Map<string, BrokerFill>();
  private readonly requests = new Map<number, SentRequest>();
  private peerSeqNum = 0;

  fold(record: OrderJournalRecord): void {
    switch (record.type) {
      case 'submitted':
        return this.recordSubmitted(record.order, record.at);
      case 'replace_requested':
        return this.recordReplaceRequested(record.clientOrderId, record.replacement);
      case 'request_sent':
        return this.recordSent(record.seqNum, record.request);
      case 'request_unsent':
        return this.recordUnsent(record.request);
      case 'report':
        if (record.seqNum !== null) this.peerSeqNum = Math.max(this.peerSeqNum, record.seqNum);
        this.apply(record.report);
        return;
    }
  }

  recordSubmitted(order: BrokerOrder, at: IsoTime): void {
    if (this.orders.has(order.clientOrderId)) return;
    this.orders.set(order.clientOrderId, { order, brokerOrderId: null, state: 'working', filledQty: '0', updatedAt: at, answered: false });
  }

  recordSent(seqNum: number, request: SentRequest): void {
    this.requests.set(seqNum, request);
  }

  /** The session refused to send it: an order never answered is forgotten, as if never submitted. */
  recordUnsent(request: SentRequest): void {
    if (request.kind === 'replace') this.pendingReplacements.delete(request.clientOrderId);
    if (request.kind === 'submit' && this.orders.get(request.clientOrderId)?.answered === false) this.orders.delete(request.clientOrderId);
  }

  /** What we sent under our MsgSeqNum `seqNum` (to attribute a Reject citing it). */
  requestAt(seqNum: number): SentRequest | undefined {
    return this.requests.get(seqNum);
  }

  /** The counterparty's MsgSeqNum of the last report journaled (0: none). */
  lastPeerSeqNum(): number {
    return this.peerSeqNum;
  }

  isAnswered(clientOrderId: string): boolean {
    return this.orders.get(clientOrderId)?.answered === true;
  }

  /** Orders sent that the counterparty has not said a word about yet. */
  unanswered(): readonly string[] {
    return [...this.orders.values()].filter((e) => !e.answered).map((e) => e.order.clientOrderId);
  }

  recordReplaceRequested(clientOrderId: string, replacement: BrokerOrder): void {
    this.pendingReplacements.set(clientOrderId, replacement);
  }

  orderQty(clientOrderId: string): DecimalString | null {
    return this.orders.get(clientOrderId)?.order.qty ?? null;
  }

  /** Folds one report in; false when it told nothing new (a repeated fill, an unknown order). */
  apply(report: BrokerExecutionReport): boolean {
    const entry = this.orders.get(report.clientOrderId);
    if (!entry) return false;
    const brokerOrderId = report.brokerOrderId ?? entry.brokerOrderId;
    const at = report.at;
    switch (report.kind) {
      case 'acknowledged':
        return this.update(entry, { brokerOrderId, updatedAt: at, answered: true });
      case 'partial_fill':
      case 'fill': {
        if (this.fillsById.has(report.executionId)) return this.markAnswered(entry);
        this.fillsById.set(report.executionId, report);
        const filledQty = formatQty(new Dec(entry.filledQty).plus(report.qty));
        const state = report.kind === 'fill' ? 'filled' : entry.state;
        return this.update(entry, { brokerOrderId, filledQty, state, updatedAt: at, answered: true });
      }
      case 'canceled':
        return this.update(entry, { brokerOrderId, state: 'canceled', updatedAt: at, answered: true });
      case 'rejected':
        return this.update(entry, { brokerOrderId, state: 'rejected', updatedAt: at, answered: true });
      case 'expired':
        return this.update(entry, { brokerOrderId, state: 'expired', updatedAt: at, answered: true });
      case 'cancel_rejected':
        this.pendingReplacements.delete(report.clientOrderId);
        return true;
      case 'replaced': {
        const replacement = this.pendingReplacements.get(report.clientOrderId);
        this.pendingReplacements.delete(report.clientOrderId);
        if (replacement) {
          this.recordSubmitted(replacement, at);
          const added = this.orders.get(replacement.clientOrderId);
          if (added) this.markAnswered(added); // the counterparty named it
        }
        return this.update(entry, { brokerOrderId, state: 'replaced', updatedAt: at, answered: true });
      }
    }
  }

  lookup(clientOrderId: string): BrokerOrderSnapshot | null {
    const entry = this.orders.get(clientOrderId);
    return entry ? snapshot(entry) : null;
  }

  open(): readonly BrokerOrderSnapshot[] {
    return [...this.orders.values()].filter((e) => !TERMINAL.includes(e.state)).map(snapshot);
  }

  fillsSince(since: IsoTime): readonly BrokerFill[] {
    const from = epochMs(since);
    return [...this.fillsById.values()].filter((f) => epochMs(f.at) >= from);
  }

  private markAnswered(entry: Entry): false {
    if (!entry.answered) this.orders.set(entry.order.clientOrderId, { ...entry, answered: true });
    return false;
  }

  private update(entry: Entry, change: Partial<Entry>): boolean {
    // A late report never reopens a finished order (a fill after a cancel still counts as filled qty).
    const state = TERMINAL.includes(entry.state) && change.state !== undefined ? entry.state : (change.state ?? entry.state);
    this.orders.set(entry.order.clientOrderId, { ...entry, ...change, state });
    return true;
  }
}

function snapshot(entry: Entry): BrokerOrderSnapshot {
  return {
    order: entry.order,
    // FIX names no order id before the acknowledgement; the snapshot type wants a string.
    brokerOrderId: entry.brokerOrderId ?? '',
    state: entry.state,
    filledQty: entry.filledQty,
    updatedAt: entry.updatedAt,
  };
}
