import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountId } from '../edge/auth/account-id.decorator';
import { UseGatewayEdge } from '../edge/use-gateway-edge.decorator';
import { AlpacaPosition } from './alpaca-position.mapper';
import { ConsistencyToken } from './consistency-token.decorator';
import { PortfolioService } from './portfolio.service';
import { answer } from './read-your-writes';

/** Open positions in the Alpaca Trading API v2 dialect. */
@Controller('v2')
@UseGatewayEdge()
export class PositionsController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('positions')
  async list(
    @AccountId() accountId: string,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaPosition[]> {
    return answer(response, await this.portfolio.list(accountId, token));
  }

  @Get('positions/:symbolOrAssetId')
  async one(
    @AccountId() accountId: string,
    @Param('symbolOrAssetId') symbolOrAssetId: string,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaPosition> {
    return answer(response, await this.portfolio.one(accountId, symbolOrAssetId, token));
  }
}
