import { CommandMetadata } from './command-metadata';
import { ExecutionReport } from './execution-report';

export interface ApplyExecutionReport {
  readonly type: 'ApplyExecutionReport';
  readonly accountId: string;
  readonly report: ExecutionReport;
  readonly metadata: CommandMetadata;
}
