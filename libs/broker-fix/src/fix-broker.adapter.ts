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
import { mapExecutionReport } from './execution-report.mapper';
import { FixBrokerConfig } from './fix-broker.config';
import { MSG_TYPE } from './fix-codes';
import { FixEngineLogFactory, FixLogSink } from './fix-engine-log.factory';
import { FixFields } from './fix-fields';
import { FixMapping } from './fix-mapping';
import { FixOrderSession } from './fix-order.session';
import { fixSessionDescription } from './fix-session-description';
import { FixSessionLauncher } from './fix-session.launcher';
import { FixBody, toNewOrderSingle } from './new-order-single.mapper';
import { toOrderCancelReplaceRequest, toOrderCancelRequest } from './order-cancel.mapper';
import { mapOrderCancelReject } from './order-cancel-reject.mapper';
import { OrderJournal } from './order-journal';
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
 * same FIX session. `lookup`, `openOrders` and `fills` answer from what this adapter has seen.
 */
export class FixBrokerAdapter implements BrokerAdapter {
  readonly name: string;
  private readonly listeners = new Set<BrokerReportListener>();
  private readonly journal = new OrderJournal();
  private readonly sent = new Map<number, SentRequest>();
  private readonly logFactory: FixEngineLogFactory;
  private connection: Connection | null = null;
  private last: FixSequenceNumbers | null = null;

  constructor(
    readonly config: FixBrokerConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly log: FixLogSink,
  ) {
    this.name = config.name;
    this.logFactory = new FixEngineLogFactory(log);
  }

  isConnected(): boolean {
    return this.connection?.loggedOn === true;
  }

  /** Connects and logs on; rejects with `BrokerUnavailableError` if no Logon answer comes in time. */
  async connect(): Promise<void> {
    if (this.isConnected()) return;
    if (this.connection) await this.disconnect();
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
  }

  /** Nest calls this on shutdown: log out cleanly so the counterparty does not wait for a heartbeat. */
  async onModuleDestroy(): Promise<void> {
    await this.disconnect();
  }

  async submit(order: BrokerOrder): Promise<void> {
    const session = this.loggedOnSession('submit');
    const now = this.clock.now();
    const seqNum = await this.send(session, MSG_TYPE.newOrderSingle, toNewOrderSingle(order, this.name, now));
    // Runs before any answer is read: the socket is read on a later turn of the event loop.
    this.sent.set(seqNum, { kind: 'submit', clientOrderId: order.clientOrderId });
    this.journal.recordSubmitted(order, now.toISOString());
  }

  async cancel(request: BrokerCancel): Promise<void> {
    const session = this.loggedOnSession('cancel');
    const body = toOrderCancelRequest(request, this.ids.next(), this.journal.orderQty(request.clientOrderId), this.clock.now());
    const seqNum = await this.send(session, MSG_TYPE.orderCancelRequest, body);
    this.sent.set(seqNum, { kind: 'cancel', clientOrderId: request.clientOrderId });
  }

  async replace(request: BrokerReplace): Promise<void> {
    const session = this.loggedOnSession('replace');
    const body = toOrderCancelReplaceRequest(request, this.name, this.clock.now());
    const seqNum = await this.send(session, MSG_TYPE.orderCancelReplaceRequest, body);
    this.sent.set(seqNum, { kind: 'replace', clientOrderId: request.clientOrderId });
    this.journal.recordReplaceRequested(request.clientOrderId, request.replacement);
  }

  async lookup(clientOrderId: string): Promise<BrokerOrderSnapshot | null> {
    return this.journal.lookup(clientOrderId);
  }

  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    return this.journal.open();
  }

  async fills(since: IsoTime): Promise<readonly BrokerFill[]> {
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
      stopped: (error: Error | undefined) => this.stopped(connection, error),
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

  private async send(session: FixOrderSession, msgType: string, body: FixBody): Promise<number> {
    try {
      return await session.sendMessage(msgType, body);
    } catch (error) {
      // jspurefix reports an error only for a message it did not hand to the socket.
      throw new BrokerUnavailableError(this.name, `${msgType} not sent: ${(error as Error).message}`);
    }
  }

  private received(msgType: string, fields: FixFields): void {
    const mapping = this.map(msgType, fields);
    if (mapping.outcome === 'invalid') this.log.warn(`FIX ${msgType} seq ${fields.MsgSeqNum ?? '?'} unusable: ${mapping.problem}`);
    if (mapping.outcome !== 'report') return;
    this.journal.apply(mapping.report);
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
        const request = this.sent.get(Number(fields.RefSeqNum));
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
