import { OrderRequest } from '../../orders/order-request';
import { OrderContext } from '../../risk/order-context';
import { NewOrderMetadata } from './command-metadata';

/** `POST /v2/orders`. The new order's id is `metadata.orderId`; its client id defaults to it. */
export interface PlaceOrder {
  readonly type: 'PlaceOrder';
  readonly accountId: string;
  readonly request: OrderRequest;
  readonly context: OrderContext;
  readonly metadata: NewOrderMetadata;
}
