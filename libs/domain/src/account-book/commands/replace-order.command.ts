import { ReplaceRequest } from '../../orders/order-request';
import { OrderContext } from '../../risk/order-context';
import { NewOrderMetadata } from './command-metadata';

/**
 * `PATCH /v2/orders/{orderId}`: a new order (`metadata.orderId`) replaces `orderId`, inheriting
 * symbol, side and type and every field the request leaves out.
 */
export interface ReplaceOrder {
  readonly type: 'ReplaceOrder';
  readonly accountId: string;
  readonly orderId: string;
  readonly request: ReplaceRequest;
  readonly context: OrderContext;
  readonly metadata: NewOrderMetadata;
}
