import { AsciiSession, IJsFixConfig, MsgTag, MsgType, MsgView, SendResult } from './fix-engine';
import { FixFields, READ_FIELDS } from './fix-fields';
import { FixBody } from './new-order-single.mapper';
import { textOf } from './sequence-too-low';

const SEQUENCE_RESET: string = MsgType.SequenceReset;
const REJECT: string = MsgType.Reject;
const HEARTBEAT: string = MsgType.Heartbeat;
const LOGOUT: string = MsgType.Logout;

/** What the session tells the adapter. Called inside the engine's callbacks: keep them quick. */
export interface FixSessionListener {
  loggedOn(): void;
  /** An application message, or a session-level Reject of something we sent. */
  received(msgType: string, fields: FixFields): void;
  /** A Heartbeat answering our TestRequest `testReqId`. */
  heartbeat(testReqId: string): void;
  stopped(error: Error | undefined): void;
  /** The counterparty's Logout, with its Text (58), before the session closes. */
  peerLogout(text: string | null): void;
}

/** The FIX 4.4 initiator session: jspurefix does the session layer, this reads and sends. */
export class FixOrderSession extends AsciiSession {
  constructor(
    config: IJsFixConfig,
    private readonly listener: FixSessionListener,
  ) {
    super(config);
    // The engine also emits every stop reason as an 'error' event; unheard, Node would throw it.
    // The listener hears the same reason through onStopped.
    this.on('error', () => undefined);
  }

  /** Resolves once the message is encoded and handed to the socket, with its MsgSeqNum. */
  sendMessage(msgType: string, body: FixBody): Promise<number> {
    return new Promise((resolve, reject) => {
      this.send(msgType, { ...body }, (error: Error | null, result: SendResult) => {
        const seqNum: unknown = result?.header?.['MsgSeqNum'];
        if (error) reject(error);
        else if (typeof seqNum !== 'number') reject(new Error(`no MsgSeqNum stamped on ${msgType}`));
        else resolve(seqNum);
      });
    });
  }

  /** Asks the counterparty to send again what it sent from `beginSeqNo` (0 = up to its latest). */
  requestResend(beginSeqNo: number, endSeqNo = 0): Promise<number> {
    const request = this.config.factory?.resendRequest(beginSeqNo, endSeqNo);
    if (!request) return Promise.reject(new Error('the session factory builds no ResendRequest'));
    return this.sendMessage(MsgType.ResendRequest, request);
  }

  /**
   * Sends a TestRequest (35=1). The counterparty answers with a Heartbeat naming `testReqId`
   * only after it has processed everything we sent before, and after everything it sent before.
   */
  testRequest(testReqId: string): Promise<number> {
    const request = this.config.factory?.testRequest(testReqId);
    if (!request) return Promise.reject(new Error('the session factory builds no TestRequest'));
    return this.sendMessage(MsgType.TestRequest, request);
  }

  logout(): void {
    this.done();
  }

  protected override onSessionMsg(msgType: string, view: MsgView): void {
    if (msgType === SEQUENCE_RESET && this.isStaleGapFill(view)) return;
    super.onSessionMsg(msgType, view);
    if (msgType === REJECT) this.listener.received(msgType, readFields(view));
    if (msgType === HEARTBEAT) {
      const testReqId = view.getString(MsgTag.TestReqID);
      if (testReqId) this.listener.heartbeat(testReqId);
    }
  }

  protected onApplicationMsg(msgType: string, view: MsgView): void {
    this.listener.received(msgType, readFields(view));
  }

  protected onReady(_view: MsgView): void {
    this.listener.loggedOn();
  }

  protected onStopped(error?: Error): void {
    this.listener.stopped(error);
  }

  protected onLogon(_view: MsgView, _user: string, _password: string): boolean {
    return true;
  }

  protected onDecoded(msgType: string, txt: string): void {
    // read here, before sequence checks: a Logout naming our number as too low arrives out of order
    if (msgType === LOGOUT) this.listener.peerLogout(textOf(txt));
  }

  protected onEncoded(_msgType: string, _txt: string): void {}

  /**
   * A gap fill replayed inside a resend we asked for (PossDupFlag=Y) may name a NewSeqNo we are
   * already past; applying it would move our expected number back and start a resend loop.
   */
  private isStaleGapFill(view: MsgView): boolean {
    const newSeqNo = view.getTyped(MsgTag.NewSeqNo);
    return typeof newSeqNo === 'number' && newSeqNo <= this.sessionState.lastPeerMsgSeqNum + 1;
  }
}

function readFields(view: MsgView): FixFields {
  const fields: Partial<Record<string, string>> = {};
  for (const name of READ_FIELDS) {
    const value = view.getString(name);
    if (value !== null && value !== undefined) fields[name] = value;
  }
  return fields;
}
