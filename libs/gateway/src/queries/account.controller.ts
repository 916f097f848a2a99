import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountId } from '../edge/auth/account-id.decorator';
import { UseGatewayEdge } from '../edge/use-gateway-edge.decorator';
import { AlpacaAccount } from './alpaca-account.mapper';
import { ConsistencyToken } from './consistency-token.decorator';
import { PortfolioService } from './portfolio.service';
import { answer } from './read-your-writes';

/** The authenticated account in the Alpaca Trading API v2 dialect. */
@Controller('v2')
@UseGatewayEdge()
export class AccountController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('account')
  async get(
    @AccountId() accountId: string,
    @ConsistencyToken() token: number | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlpacaAccount> {
    return answer(response, await this.portfolio.account(accountId, token));
  }
}
