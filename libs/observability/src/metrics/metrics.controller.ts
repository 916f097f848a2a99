import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TradingMetrics } from './trading-metrics';

/** `GET /metrics` on the HTTP port (the gateway / all-in-one), Prometheus text exposition. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: TradingMetrics) {}

  @Get('metrics')
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.contentType);
    return this.metrics.text();
  }
}
