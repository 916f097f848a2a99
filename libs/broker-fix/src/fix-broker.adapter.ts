import {
  BrokerAdapter,
  BrokerCancel,
  BrokerExecutionReport,
  BrokerFill,
  BrokerOrder,
  BrokerOrderSnapshot,
  BrokerReplace,
  BrokerReportListener,
  BrokerUnavailableError,
  Unsubscribe,
} from '@trading/broker-sdk';
import { Clock, IdGenerator, IsoTime } from '@trading/domain';
import { join } from 'node:path';
import { mapExecutionReport } from './execution-report.mapper';
import { FixBrokerConfig } from './fix-broker.config';
import { MSG_TYPE } from './fix-codes';
import { FixEngineLogFactory, FixLogSink } from './fix-engine-log.factory';
import { FixFields } from './fix-fields';
import { FixMapping } from './fix-mapping';
import { expectedSequenceFrom, raiseSenderSequence } from './sequence-too-low';
import { FixOrderSession } from './fix-order.session';
import { fixSessionDescription } from './fix-session-description';
import { FixSessionLauncher } from './fix-session.launcher';
import { FixBody, toNewOrderSingle } from './new-order-single.mapper';
import { toOrderCancelReplaceRequest, toOrderCancelRequest } from './order-cancel.mapper';
import { mapOrderCancelReject } from './order-cancel-reject.mapper';
import { OrderJournal } from './order-journal';
import { OrderJournalFileStore } from './order-journal-file.store';
import { OrderJournalRecord } from './order-journal.records';
import { mapRequestReject } from './request-reject.mapper';
import { SentRequest } from './sent-request';

export interface FixSequenceNumbers {
  /** MsgSeqNum of the last message we sent. */
  readonly lastSent: number;
  /** MsgSeqNum of the last message the counterparty sent us. */
  readonly lastReceived: number;
}

interface Connection {
  readonly launcher: FixSessionLauncher;
  /** Settles when the engine has let go of the connection (and of its message store). */
  readonly ended: Promise<void>;
  session: FixOrderSession | null;
  loggedOn: boolean;
  onLogon: ((error?: Error) => void) | null;
  onStopped: (() => void)[];
}

/**
 * A broker reached over a FIX 4.4 initiator session (jspurefix). Orders go out as NewOrderSingle,
 * cancels and replaces as OrderCancelRequest / OrderCancelReplaceRequest; ExecutionReports,
 * OrderCancelRejects and the Rejects that cite our requests come back as broker reports.
 * Sequence numbers and sent messages live in a file store, so a new connection continues the
 * same FIX session.
 *
 * `lookup`, `openOrders` and `fills` answer from the order journal: every order is written (and
 * fsynced) to a journal file beside the store before it is sent, every report about our orders
 * before anyone hears of it, and a new adapter (a restarted process) rebuilds the journal from
 * that file. An order sent before the last restart or reconnect that the counterparty has not
 * answered is in doubt: `connect` first asks the counterparty to send again what it sent since
 * the last journaled report, then sends a TestRequest; once its Heartbeat is back, everything
 * the counterparty had said is read, and an order still unanswered never reached it. So
 * `lookup` of such an order throws `BrokerUnavailableError` until then (the caller keeps its
 * request in flight and asks again), and answers null after (it may be sent again).
 */
export class FixBrokerAdapter implements BrokerAdapter {
  readonly name: string;
  private readonly listeners = new Set<BrokerReportListener>();
  private readonly journal = new OrderJournal();
  private readonly file: OrderJournalFileStore;
  private readonly logFactory: FixEngineLogFactory;
  /** Orders sent on the current connection: an unanswered one is on its way, not in doubt. */
  private readonly live = new Set<string>();
  /** TestRequest ids awaiting their Heartbeat. */
  private readonly pings = new Map<string, () => void>();
  private connection: Connection | null = null;
  private last: FixSequenceNumbers | null = null;
  private lastLogoutText: string | null = null;
  private loaded = false;
  /** The current connection has read everything the counterparty sent before it (see `recover`). */
  private recovered = false;

  constructor(
    readonly config: FixBrokerConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly log: FixLogSink,
  ) {
    this.name = config.name;
    this.logFactory = new FixEngineLogFactory(log);
    this.file = new OrderJournalFileStore(join(config.storeDirectory, `${config.senderCompId}-${config.targetCompId}.order-journal.jsonl`));
  }

  /** Where the durable order journal lives. */
  get journalPath(): string {
    return this.file.path;
  }

  isConnected(): boolean {
    return this.connection?.loggedOn === true;
  }

  /**
   * Rebuilds the order journal (first time only), connects, logs on and recovers (see the class
   * comment); rejects with `BrokerUnavailableError` if no Logon or recovery answer comes in time.
   */
  async connect(): Promise<void> {
    try {
      await this.connectOnce();
    } catch (error) {
      const expected = expectedSequenceFrom(this.lastLogoutText);
      if (expected === null) throw error;
      this.log.warn(`${this.config.targetCompId} expects MsgSeqNum ${expected}: our store was behind (a crash); logging on again from there`);
      await raiseSenderSequence(this.config.storeDirectory, `FIX.4.4-${this.config.senderCompId}-${this.config.targetCompId}`, expected);
      await this.connectOnce();
    }
  }

  private async connectOnce(): Promise<void> {
    this.lastLogoutText = null;
    if (this.isConnected()) return;
    if (this.connection) await this.disconnect();
    this.load();
    const connection = this.open();
    this.connection = connection;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        connection.onLogon?.(new Error(`no Logon answer within ${this.config.logonTimeoutMs} ms`));
      }, this.config.logonTimeoutMs);
      connection.onLogon = (error) => {
        clearTimeout(timer);
        connection.onLogon = null;
        if (!error) return resolve();
        this.drop(connection, error.message);
        reject(new BrokerUnavailableError(this.name, `logon to ${this.config.host}:${this.config.port} failed: ${error.message}`));
      };
    });
    try {
      await this.recover(connection);
    } catch (error) {
      await this.disconnect();
      throw new BrokerUnavailableError(this.name, `session recovery failed: ${(error as Error).message}`);
    }
  }

  /** Logs out (waits for the counterparty's Logout, at most `logoutTimeoutMs`) and closes. */
  async disconnect(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const stopped = new Promise<void>((resolve) => connection.onStopped.push(resolve));
    if (connection.loggedOn && connection.session) {
      this.remember(connection.session);
      connection.session.logout();
      const timer = setTimeout(() => this.drop(connection, 'no Logout answer'), this.config.logoutTimeoutMs);
      await stopped;
      clearTimeout(timer);
    } else {
      this.drop(connection, 'disconnect requested');
    }
    connection.launcher.stop();
    await connection.ended;
    if (this.connection === connection) this.connection = null;
    this.file.close();
  }

  /** Nest calls this on shutdown: log out cleanly so the counterparty does not wait for a heartbeat. */
  async onModuleDestroy(): Promise<void> {
    await this.disconnect();
  }

  async submit(order: BrokerOrder): Promise<void> {
    const session = this.loggedOnSession('submit');
    const now = this.clock.now();
    const body = toNewOrderSingle(order, this.name, now); // refuses what FIX cannot carry, before anything is written
    this.record({ type: 'submitted', order, at: now.toISOString() });
    this.live.add(order.clientOrderId);
    await this.send(session, MSG_TYPE.newOrderSingle, body, { kind: 'submit', clientOrderId: order.clientOrderId });
  }

  async cancel(request: BrokerCancel): Promise<void> {
    const session = this.loggedOnSession('cancel');
    const body = toOrderCancelRequest(request, this.ids.next(), this.journal.orderQty(request.clientOrderId), this.clock.now());
    await this.send(session, MSG_TYPE.orderCancelRequest, body, { kind: 'cancel', clientOrderId: request.clientOrderId });
  }

  async replace(request: BrokerReplace): Promise<void> {
    const session = this.loggedOnSession('replace');
    const body = toOrderCancelReplaceRequest(request, this.name, this.clock.now());
    this.record({ type: 'replace_requested', clientOrderId: request.clientOrderId, replacement: request.replacement });
    await this.send(session, MSG_TYPE.orderCancelReplaceRequest, body, { kind: 'replace', clientOrderId: request.clientOrderId });
  }

  /**
   * The journal's view of the order; null if it was never sent, or if it was sent before the last
   * restart or reconnect and the recovered session shows the counterparty never received it.
   * Throws `BrokerUnavailableError` while that is not known yet (not recovered).
   */
  async lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null> {
    this.load();
    const snapshot = this.journal.lookup(clientOrderId);
    if (snapshot === null || !this.inDoubt(clientOrderId)) return snapshot;
    if (this.recovered) return null;
    throw new BrokerUnavailableError(
      this.name,
      `order ${clientOrderId} was sent before the last restart or reconnect and is unanswered: in doubt until the session has recovered`,
    );
  }

  /** Orders not finished; throws `BrokerUnavailableError` while one of them is in doubt (see `lookup`). */
  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    this.load();
    const open = this.journal.open();
    const doubtful = open.filter((snapshot) => this.inDoubt(snapshot.order.clientOrderId));
    if (doubtful.length > 0 && !this.recovered) {
      throw new BrokerUnavailableError(this.name, `${doubtful.length} orders in doubt until the session has recovered`);
    }
    return open.filter((snapshot) => !doubtful.includes(snapshot));
  }

  async fills(since: IsoTime): Promise<readonly BrokerFill[]> {
    this.load();
    return this.journal.fillsSince(since);
  }

  onReport(listener: BrokerReportListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The session's sequence numbers: of the live connection, else as the last one left them. */
  sequenceNumbers(): FixSequenceNumbers | null {
    const session = this.connection?.session;
    return session ? { lastSent: session.lastSentSeqNum(), lastReceived: session.lastPeerSeqNum() } : this.last;
  }

  /**
   * Asks the counterparty to send again what it sent from `beginSeqNo` on (ResendRequest, 35=2).
   * Resent reports carry PossDupFlag=Y and map to the same reports, execution ids included.
   */
  async requestResend(beginSeqNo: number): Promise<void> {
    const session = this.loggedOnSession('resend request');
    try {
      await session.requestResend(beginSeqNo);
    } catch (error) {
      throw new BrokerUnavailableError(this.name, `resend request not sent: ${(error as Error).message}`);
    }
  }

  private open(): Connection {
    let settle: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (settle = resolve));
    const listener = {
      loggedOn: () => {
        connection.loggedOn = true;
        connection.onLogon?.();
      },
      received: (msgType: string, fields: FixFields) => this.received(msgType, fields),
      heartbeat: (testReqId: string) => this.pings.get(testReqId)?.(),
      stopped: (error: Error | undefined) => this.stopped(connection, error),
      peerLogout: (text: string | null) => (this.lastLogoutText = text),
    };
    const launcher = new FixSessionLauncher(fixSessionDescription(this.config), this.logFactory, listener, (session) => {
      connection.session = session;
    });
    const connection: Connection = { launcher, ended, session: null, loggedOn: false, onLogon: null, onStopped: [] };
    launcher.run().then(
      () => {
        this.stopped(connection, undefined);
        settle();
      },
      (error: unknown) => {
        this.stopped(connection, error instanceof Error ? error : new Error(String(error)));
        settle();
      },
    );
    return connection;
  }

  private stopped(connection: Connection, error: Error | undefined): void {
    if (connection.session) this.remember(connection.session);
    connection.loggedOn = false;
    // what went out on this connection unanswered is in doubt until the next one has recovered
    this.recovered = false;
    this.live.clear();
    connection.onLogon?.(error ?? new Error('the session ended'));
    for (const resolve of connection.onStopped.splice(0)) resolve();
  }

  private drop(connection: Connection, reason: string): void {
    connection.session?.requestStop(reason);
    connection.launcher.stop();
  }

  private remember(session: FixOrderSession): void {
    this.last = { lastSent: session.lastSentSeqNum(), lastReceived: session.lastPeerSeqNum() };
  }

  private loggedOnSession(what: string): FixOrderSession {
    const session = this.connection?.session;
    if (!this.isConnected() || !session) throw new BrokerUnavailableError(this.name, `${what}: the FIX session is not logged on`);
    return session;
  }

  private async send(session: FixOrderSession, msgType: string, body: FixBody, request: SentRequest): Promise<void> {
    let seqNum: number;
    try {
      seqNum = await session.sendMessage(msgType, body);
    } catch (error) {
      // jspurefix reports an error only for a message it did not hand to the socket.
      this.live.delete(request.clientOrderId);
      this.record({ type: 'request_unsent', request });
      throw new BrokerUnavailableError(this.name, `${msgType} not sent: ${(error as Error).message}`);
    }
    // Runs before any answer is read: the socket is read on a later turn of the event loop.
    this.record({ type: 'request_sent', seqNum, request });
  }

  /**
   * Brings a new connection up to date: asks the counterparty to send again what it sent since
   * the last report we journaled (a crash may have cut in between reading a report and journaling
   * it), then waits for the Heartbeat to a TestRequest, which the counterparty sends only after
   * all of that. From then on an unanswered order of an earlier connection never reached it.
   */
  private async recover(connection: Connection): Promise<void> {
    const session = connection.session;
    if (!session) throw new Error('no session');
    if (this.journal.open().length > 0) await session.requestResend(this.journal.lastPeerSeqNum() + 1);
    const testReqId = `recover-${this.ids.next()}`;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.pings.delete(testReqId);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => settle(new Error(`no Heartbeat to TestRequest within ${this.config.logonTimeoutMs} ms`)), this.config.logonTimeoutMs);
      this.pings.set(testReqId, () => settle());
      session.testRequest(testReqId).catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
    });
    if (this.connection === connection && connection.loggedOn) this.recovered = true;
  }

  private inDoubt(clientOrderId: string): boolean {
    return !this.journal.isAnswered(clientOrderId) && !this.live.has(clientOrderId);
  }

  private load(): void {
    if (this.loaded) return;
    for (const record of this.file.load()) this.journal.fold(record);
    this.loaded = true;
  }

  /** Durable first (fsync), then in memory. */
  private record(record: OrderJournalRecord): void {
    this.file.append(record);
    this.journal.fold(record);
  }

  private received(msgType: string, fields: FixFields): void {
    const mapping = this.map(msgType, fields);
    if (mapping.outcome === 'invalid') this.log.warn(`FIX ${msgType} seq ${fields.MsgSeqNum ?? '?'} unusable: ${mapping.problem}`);
    if (mapping.outcome !== 'report') return;
    const seqNum = Number(fields.MsgSeqNum);
    const record: OrderJournalRecord = { type: 'report', seqNum: Number.isInteger(seqNum) ? seqNum : null, report: mapping.report };
    try {
      this.record(record);
    } catch (error) {
      // the report still counts; after a crash the resend in `recover` brings it back
      this.log.error(`FIX order journal not written for ${mapping.report.kind} of ${mapping.report.clientOrderId}: ${(error as Error).message}`);
      this.journal.fold(record);
    }
    this.emit(mapping.report);
  }

  private map(msgType: string, fields: FixFields): FixMapping {
    switch (msgType) {
      case MSG_TYPE.executionReport:
        return mapExecutionReport(fields, this.config.venue);
      case MSG_TYPE.orderCancelReject:
        return mapOrderCancelReject(fields);
      case MSG_TYPE.reject:
      case MSG_TYPE.businessMessageReject: {
        const request = this.journal.requestAt(Number(fields.RefSeqNum));
        if (!request) return { outcome: 'ignored', why: `reject of seq ${fields.RefSeqNum ?? '?'}, not one of our requests` };
        return mapRequestReject(fields, msgType, request, this.clock.now().toISOString());
      }
      default:
        return { outcome: 'ignored', why: `message type ${msgType}` };
    }
  }

  private emit(report: BrokerExecutionReport): void {
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        this.log.error(`report listener failed on ${report.kind} of ${report.clientOrderId}: ${(error as Error).message}`);
      }
    }
  }
}
