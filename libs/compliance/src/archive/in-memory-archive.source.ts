import { ArchivedRecord, ArchiveProgress, ArchiveQuery, ArchiveSource } from './archive-source.port';

/** Records held in memory, filtered as the S3 reader filters them (`from` inclusive, `to` exclusive). */
export class InMemoryArchiveSource implements ArchiveSource {
  constructor(private readonly stored: readonly ArchivedRecord[]) {}

  async *records(query: ArchiveQuery, onProgress?: ArchiveProgress): AsyncIterable<ArchivedRecord> {
    const from = query.from?.getTime() ?? -Infinity;
    const to = query.to?.getTime() ?? Infinity;
    const selected = this.stored.filter((record) => {
      const at = Date.parse(record.timestamp);
      return (!query.topics || query.topics.includes(record.topic)) && at >= from && at < to;
    });
    for (const [index, record] of selected.entries()) {
      yield record;
      onProgress?.(index + 1, selected.length);
    }
  }
}
