import { BrokerExecutionReport } from '@trading/broker-sdk';
import { Dec, DecimalString, IsoTime } from '@trading/domain';
import { FixFields } from './fix-fields';
import { fixTimestampToIso } from './fix-time';

/** What a mapper made of one received message: a report, nothing to report, or why it is unusable. */
export type FixMapping =
  | { readonly outcome: 'report'; readonly report: BrokerExecutionReport }
  | { readonly outcome: 'ignored'; readonly why: string }
  | { readonly outcome: 'invalid'; readonly problem: string };

export const reportOf = (report: BrokerExecutionReport): FixMapping => ({ outcome: 'report', report });
export const ignored = (why: string): FixMapping => ({ outcome: 'ignored', why });
export const invalid = (problem: string): FixMapping => ({ outcome: 'invalid', problem });

const PLAIN_DECIMAL = /^\d{1,30}(\.\d{1,30})?$/;

/** A non-negative decimal exactly as it travelled, or null if the text is not one. */
export function fixDecimal(text: string | undefined): DecimalString | null {
  return text !== undefined && PLAIN_DECIMAL.test(text) ? text : null;
}

export const isPositive = (value: DecimalString): boolean => new Dec(value).gt(0);

/**
 * When the message says it happened. A resend (PossDupFlag=Y) carries a new SendingTime but the
 * original in OrigSendingTime, so a repeated report maps to the same instant.
 */
export function eventTime(fields: FixFields): IsoTime | null {
  return (
    fixTimestampToIso(fields.TransactTime) ?? fixTimestampToIso(fields.OrigSendingTime) ?? fixTimestampToIso(fields.SendingTime)
  );
}

/** Text (58) when the counterparty wrote one, else the coded reason spelled out. */
export function reasonText(
  fields: FixFields,
  code: string | undefined,
  codeName: string,
  names: Readonly<Record<string, string>>,
): string | null {
  const text = fields.Text?.trim();
  if (text) return text;
  if (code === undefined) return null;
  return `${codeName} ${code} (${names[code] ?? 'unknown'})`;
}

/** OrderID (37), except the FIX placeholder NONE. */
export function brokerOrderId(fields: FixFields): string | null {
  const id = fields.OrderID?.trim();
  return id && id !== 'NONE' ? id : null;
}
