import { CoalescingSender, EnvelopeFactory, MessageRegistry, encodeEnvelope } from '@trading/messaging';
import { Producer } from 'kafkajs';
import { BrokerOutcome } from '../journal/execution-journal.entries';
import { EXECUTION_JOURNAL_VERSION } from '../journal/execution-journal.messages';

export const journalStreamId = (accountId: string): string => `execution-${accountId}`;

/**
 * Appends what a broker call led to, after the fact, to the journal partition of its account.
 * This is the journal's second writer beside the processor's transactions, so journal entries
 * carry seq 0 (not a gapless stream). An outcome written twice, or by a zombie that really did
 * send, is harmless: the fold only ever settles an intent. Outcomes that arrive while an append
 * is in flight go together in the next produce request (every broker call ends in one).
 */
export class JournalWriter {
  private readonly sender: CoalescingSender;

  constructor(
    producer: Producer,
    private readonly registry: MessageRegistry,
    private readonly envelopes: EnvelopeFactory,
    topic: string,
  ) {
    this.sender = new CoalescingSender(producer, topic);
  }

  async append(partition: number, outcome: BrokerOutcome, correlationId: string): Promise<void> {
    const envelope = this.envelopes.create({
      type: outcome.type,
      schemaVersion: EXECUTION_JOURNAL_VERSION,
      accountId: outcome.accountId,
      streamId: journalStreamId(outcome.accountId),
      seq: 0,
      correlationId,
      payload: outcome,
    });
    this.registry.assertPublishable(envelope);
    await this.sender.send({ ...encodeEnvelope(envelope), partition });
  }
}
