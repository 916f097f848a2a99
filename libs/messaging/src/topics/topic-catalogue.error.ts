import { CodedError } from '@trading/domain';

export class TopicCatalogueError extends CodedError {
  constructor(
    readonly code: 'KAFKA.DUPLICATE_TOPIC' | 'KAFKA.COPARTITION_MISMATCH' | 'KAFKA.PARTITION_DRIFT',
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, details);
  }
}
