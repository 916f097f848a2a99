import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { AccountId, UseGatewayEdge } from '../edge';
import { AlpacaOrder } from './alpaca-order.mapper';
import { parseListOrdersQuery, RawListOrdersQuery } from './list-orders.query';
import { MalformedRequestError } from './order-refused.error';
import { CancelAllResult, OrdersService } from './orders.service';

/** Orders in the Alpaca Trading API v2 dialect. */
@Controller('v2')
@UseGatewayEdge()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('orders')
  @HttpCode(200)
  place(@AccountId() accountId: string, @Body() body: unknown): Promise<AlpacaOrder> {
    return this.orders.place(accountId, body);
  }

  @Get('orders')
  list(@AccountId() accountId: string, @Query() query: RawListOrdersQuery): AlpacaOrder[] {
    return this.orders.list(accountId, parseListOrdersQuery(query));
  }

  // Alpaca's path has a literal colon: /v2/orders:by_client_order_id
  @Get('orders\\:by_client_order_id')
  byClientOrderId(@AccountId() accountId: string, @Query('client_order_id') clientOrderId?: string): AlpacaOrder {
    if (!clientOrderId) throw new MalformedRequestError('client_order_id is required', { field: 'client_order_id' });
    return this.orders.getByClientOrderId(accountId, clientOrderId);
  }

  @Get('orders/:id')
  get(@AccountId() accountId: string, @Param('id') orderId: string): AlpacaOrder {
    return this.orders.get(accountId, orderId);
  }

  @Patch('orders/:id')
  replace(@AccountId() accountId: string, @Param('id') orderId: string, @Body() body: unknown): Promise<AlpacaOrder> {
    return this.orders.replace(accountId, orderId, body);
  }

  @Delete('orders/:id')
  @HttpCode(204)
  async cancel(@AccountId() accountId: string, @Param('id') orderId: string): Promise<void> {
    await this.orders.cancel(accountId, orderId);
  }

  @Delete('orders')
  @HttpCode(207)
  cancelAll(@AccountId() accountId: string): Promise<CancelAllResult> {
    return this.orders.cancelAll(accountId);
  }
}
