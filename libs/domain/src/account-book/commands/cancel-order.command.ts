import { CommandMetadata } from './command-metadata';

/** `DELETE /v2/orders/{orderId}`. */
export interface CancelOrder {
  readonly type: 'CancelOrder';
  readonly accountId: string;
  readonly orderId: string;
  readonly metadata: CommandMetadata;
}
