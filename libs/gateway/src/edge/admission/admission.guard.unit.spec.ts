import { ExecutionContext } from '@nestjs/common';
import { TradingMetrics } from '@trading/observability';
import { EventEmitter } from 'node:events';
import { GatewayOverloadedError } from '../errors/edge.errors';
import { resolveGatewayEdgeOptions } from '../gateway-edge.options';
import { AdmissionGuard } from './admission.guard';

class FakeResponse extends EventEmitter {
  readonly headers = new Map<string, string>();
  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }
}

function request(method: string): { context: ExecutionContext; response: FakeResponse } {
  const response = new FakeResponse();
  const http = { getRequest: () => ({ method }), getResponse: () => response };
  return { context: { switchToHttp: () => http } as unknown as ExecutionContext, response };
}

const guardWithLimit = (maxOrderRequestsInProgress: number): AdmissionGuard =>
  new AdmissionGuard(resolveGatewayEdgeOptions({ admission: { maxOrderRequestsInProgress } }));

describe('AdmissionGuard', () => {
  it('given the limit of order requests in progress, when one more comes, then it is refused with 503 and Retry-After', () => {
    const guard = guardWithLimit(2);
    expect(guard.canActivate(request('POST').context)).toBe(true);
    expect(guard.canActivate(request('PATCH').context)).toBe(true);

    const third = request('POST');

    expect(() => guard.canActivate(third.context)).toThrow(GatewayOverloadedError);
    expect(third.response.headers.get('Retry-After')).toBe('1');
    expect(guard.ordersInProgress).toBe(2);
  });

  it('given the limit reached, when an answer is sent, then the next order request is admitted', () => {
    const guard = guardWithLimit(1);
    const first = request('POST');
    guard.canActivate(first.context);
    expect(() => guard.canActivate(request('POST').context)).toThrow(GatewayOverloadedError);

    first.response.emit('finish');
    first.response.emit('close');

    expect(guard.canActivate(request('POST').context)).toBe(true);
    expect(guard.ordersInProgress).toBe(1);
  });

  it('given a client that hangs up before the answer, then its slot is freed once', () => {
    const guard = guardWithLimit(5);
    const gone = request('POST');
    guard.canActivate(gone.context);
    guard.canActivate(request('POST').context);

    gone.response.emit('close');
    gone.response.emit('close');

    expect(guard.ordersInProgress).toBe(1);
  });

  it('given the limit reached, then cancels and reads still pass and are not counted', () => {
    const guard = guardWithLimit(1);
    guard.canActivate(request('POST').context);

    expect(guard.canActivate(request('DELETE').context)).toBe(true);
    expect(guard.canActivate(request('GET').context)).toBe(true);
    expect(guard.ordersInProgress).toBe(1);
  });

  it('given order requests shed, then the shed counter counts each of them', async () => {
    const metrics = new TradingMetrics({ processMetrics: false });
    const guard = new AdmissionGuard(resolveGatewayEdgeOptions({ admission: { maxOrderRequestsInProgress: 1 } }), metrics);
    guard.canActivate(request('POST').context);

    for (let i = 0; i < 3; i++) expect(() => guard.canActivate(request('PATCH').context)).toThrow(GatewayOverloadedError);

    expect((await metrics.ordersShed.get()).values.map((sample) => sample.value)).toEqual([3]);
  });

  it('given a limit of 0, then no order request is refused', () => {
    const guard = guardWithLimit(0);

    for (let i = 0; i < 1_000; i++) expect(guard.canActivate(request('POST').context)).toBe(true);
  });

  it('names the limit and the wait in its error', () => {
    const guard = guardWithLimit(1);
    guard.canActivate(request('POST').context);

    let refusal: unknown;
    try {
      guard.canActivate(request('POST').context);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(GatewayOverloadedError);
    expect((refusal as GatewayOverloadedError).code).toBe('GATEWAY.OVERLOADED');
    expect((refusal as GatewayOverloadedError).message).toBe('the gateway is answering 1 order requests already, its most at once; retry after 1 s');
  });
});
