import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountId, UseGatewayEdge } from '../edge';
import { CONSISTENCY_TOKEN_HEADER, formatConsistencyToken } from '../queries/consistency-token';
import { ConsistencyToken } from '../queries/consistency-token.decorator';
import { OrderQueriesService } from '../queries/order-queries.service';
import { answer } from '../queries/read-your-writes';
import { AlpacaOrder } from './alpaca-order.mapper';
import { parseListOrdersQuery, RawListOrdersQuery } from './list-orders.query';
import { MalformedRequestError } from './order-refused.error';
import { CancelAllResult, OrdersService, Written } from './orders.service';

/**
 * Orders in the Alpaca Trading API v2 dialect. Writes go to the OMS through Kafka and answer with
 * `X-Consistency-Token`; reads come from the PostgreSQL read model and honour that token.
 */
@Controller('v2')
@UseGatewayEdge()
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly queries: OrderQueriesService,
  ) {}

  @Post('orders')
  @HttpCode(200)
  async place(@AccountId() accountId: string, @Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<AlpacaOrder> {
    return withToken(response, await this.orders.place(accountId, body));
  }

  @Get('orders')
  async list(
    @AccountId() accountId: string,
    @Query() query: RawListOrdersQuery,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaOrder[]> {
    return answer(response, await this.queries.list(accountId, parseListOrdersQuery(query), token));
  }

  // Alpaca's path has a literal colon: /v2/orders:by_client_order_id
  @Get('orders\\:by_client_order_id')
  async byClientOrderId(
    @AccountId() accountId: string,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
    @Query('client_order_id') clientOrderId?: string,
  ): Promise<AlpacaOrder> {
    if (!clientOrderId) throw new MalformedRequestError('client_order_id is required', { field: 'client_order_id' });
    return answer(response, await this.queries.getByClientOrderId(accountId, clientOrderId, token));
  }

  @Get('orders/:id')
  async get(
    @AccountId() accountId: string,
    @Param('id') orderId: string,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaOrder> {
    return answer(response, await this.queries.get(accountId, orderId, token));
  }

  @Patch('orders/:id')
  async replace(
    @AccountId() accountId: string,
    @Param('id') orderId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaOrder> {
    return withToken(response, await this.orders.replace(accountId, orderId, body));
  }

  @Delete('orders/:id')
  @HttpCode(204)
  async cancel(@AccountId() accountId: string, @Param('id') orderId: string, @Res({ passthrough: true }) response: Response): Promise<void> {
    withToken(response, await this.orders.cancel(accountId, orderId));
  }

  @Delete('orders')
  @HttpCode(207)
  async cancelAll(@AccountId() accountId: string, @Res({ passthrough: true }) response: Response): Promise<CancelAllResult> {
    return withToken(response, await this.orders.cancelAll(accountId));
  }
}

function withToken<T>(response: Response, written: Written<T>): T {
  if (written.seq !== null) response.setHeader(CONSISTENCY_TOKEN_HEADER, formatConsistencyToken(written.seq));
  return written.body;
}
