import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedSequenceFrom, raiseSenderSequence, textOf } from './sequence-too-low';

describe('recovering from "MsgSeqNum too low"', () => {
  it('reads the expected sequence number from the counterparty Logout text', () => {
    expect(expectedSequenceFrom('MsgSeqNum too low, expecting 45 but received 24')).toBe(45);
    expect(expectedSequenceFrom('Logout requested')).toBeNull();
    expect(expectedSequenceFrom(null)).toBeNull();
  });

  it('finds the Text field of a raw message with SOH or | delimiters', () => {
    expect(textOf('8=FIX.4.4\x019=10\x0135=5\x0158=MsgSeqNum too low, expecting 45 but received 24\x0110=154\x01')).toBe(
      'MsgSeqNum too low, expecting 45 but received 24',
    );
    expect(textOf('8=FIX.4.4|35=5|58=bye|10=001|')).toBe('bye');
    expect(textOf('8=FIX.4.4|35=5|10=001|')).toBeNull();
  });

  it('given a stale store, raises our next outgoing number and keeps the incoming one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fix-seq-'));
    await writeFile(join(dir, 'FIX.4.4-US-THEM.seqnums'), `${'3'.padStart(20)} : ${'320'.padStart(20)}`);

    await raiseSenderSequence(dir, 'FIX.4.4-US-THEM', 45);

    const [sender, target] = (await readFile(join(dir, 'FIX.4.4-US-THEM.seqnums'), 'utf8')).split(':').map((part) => Number(part.trim()));
    expect([sender, target]).toEqual([45, 320]);
  });
});
