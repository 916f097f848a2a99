import { Controller, Get, Req, Res } from '@nestjs/common';
import { AccountId, alpacaCodeForStatus, UseGatewayEdge } from '@trading/gateway';
import type { Request, Response } from 'express';
import { parseStreamPosition } from '../stream/stream-position';
import { ResponseSseSink } from './response.sse-sink';
import { TradeUpdatesHub } from './trade-updates.hub';

/**
 * `GET /v2/events/trades`: the authenticated account's order updates as server-sent events, named
 * as Alpaca's trade updates, `id` = the account stream position. Send `Last-Event-ID` to resume.
 */
@Controller('v2/events')
@UseGatewayEdge()
export class TradeUpdatesController {
  constructor(private readonly hub: TradeUpdatesHub) {}

  @Get('trades')
  async trades(@AccountId() accountId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const header = request.headers['last-event-id'];
    const after = typeof header === 'string' && header.trim() !== '' ? parseStreamPosition(header) : null;
    if (after === null && typeof header === 'string' && header.trim() !== '') {
      response.status(400).json({
        code: alpacaCodeForStatus(400),
        message: 'Last-Event-ID is not an id this stream sent',
        reason: 'TRADE_UPDATES.INVALID_LAST_EVENT_ID',
      });
      return;
    }
    await this.hub.attach(accountId, new ResponseSseSink(request, response), after);
  }
}
