import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SOH = String.fromCharCode(1);
const TOO_LOW = /MsgSeqNum too low, expecting (\d+)/i;

/** The MsgSeqNum the counterparty expects next, when its Logout text says ours was too low. */
export function expectedSequenceFrom(logoutText: string | null): number | null {
  const match = logoutText === null ? null : TOO_LOW.exec(logoutText);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The Text (58) of a raw FIX message, whatever the field delimiter. */
export function textOf(raw: string): string | null {
  const fields = raw.replaceAll(SOH, '|').split('|');
  const text = fields.find((field) => field.startsWith('58='));
  return text === undefined ? null : text.slice(3);
}

/**
 * Moves our next outgoing MsgSeqNum in the jspurefix file store (`<prefix>.seqnums`, "sender :
 * target") up to what the counterparty expects. jspurefix writes that file behind the socket, so a
 * process killed mid-session restarts from a stale, lower number; the counterparty already has
 * every message below `expected`, so nothing is skipped.
 */
export async function raiseSenderSequence(storeDirectory: string, filePrefix: string, expected: number): Promise<void> {
  const path = join(storeDirectory, `${filePrefix}.seqnums`);
  const content = await readFile(path, 'utf8').catch(() => '1 : 1');
  const [, target = '1'] = content.split(':');
  await writeFile(path, `${String(expected).padStart(20)} : ${target.trim().padStart(20)}`, 'utf8');
}
