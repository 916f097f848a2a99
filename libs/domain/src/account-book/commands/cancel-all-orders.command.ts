import { CommandMetadata } from './command-metadata';

/** `DELETE /v2/orders`: requests a cancel of every open order that can still be canceled. */
export interface CancelAllOrders {
  readonly type: 'CancelAllOrders';
  readonly accountId: string;
  readonly metadata: CommandMetadata;
}
