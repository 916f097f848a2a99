import {
  AccountBookCommand,
  AccountBookState,
  CommandMetadata,
  OrderContext,
} from '@trading/domain';
import {
  CancelOrderPayload,
  ExecutionReportedPayload,
  OpenAccountPayload,
  PlaceOrderPayload,
  ReplaceOrderPayload,
  SetRiskLimitsPayload,
  SetTradingStatePayload,
} from '@trading/contracts';
import { EventEnvelope } from '@trading/messaging';

export interface TranslationInputs {
  readonly at: string;
  readonly book: AccountBookState;
  readonly contextFor: (symbol: string | null) => OrderContext;
}

/**
 * Turns a command message into the domain command, adding what the OMS knows at decision time.
 * Returns null for a message type that is not an account-book command.
 */
export function toAccountBookCommand(input: EventEnvelope, { at, book, contextFor }: TranslationInputs): AccountBookCommand | null {
  const metadata: CommandMetadata = { commandId: input.eventId, correlationId: input.correlationId, at };
  const accountId = input.accountId;
  switch (input.type) {
    case 'PlaceOrder': {
      const { orderId, request } = input.payload as PlaceOrderPayload;
      return { type: 'PlaceOrder', accountId, request, context: contextFor(request.symbol), metadata: { ...metadata, orderId } };
    }
    case 'ReplaceOrder': {
      const { orderId, replacementOrderId, request } = input.payload as ReplaceOrderPayload;
      const symbol = book.status === 'open' ? (book.orders.get(orderId)?.symbol ?? null) : null;
      return {
        type: 'ReplaceOrder',
        accountId,
        orderId,
        request,
        context: contextFor(symbol),
        metadata: { ...metadata, orderId: replacementOrderId },
      };
    }
    case 'CancelOrder':
      return { type: 'CancelOrder', accountId, orderId: (input.payload as CancelOrderPayload).orderId, metadata };
    case 'CancelAllOrders':
      return { type: 'CancelAllOrders', accountId, metadata };
    case 'OpenAccount': {
      const { startingCash, limits } = input.payload as OpenAccountPayload;
      return {
        type: 'OpenAccount',
        accountId,
        startingCash,
        ...(limits ? { limits: limits } : {}),
        metadata,
      };
    }
    case 'SetRiskLimits':
      return { type: 'SetRiskLimits', accountId, limits: (input.payload as SetRiskLimitsPayload).limits, metadata };
    case 'SetTradingState': {
      const { tradingState, reason } = input.payload as SetTradingStatePayload;
      return { type: 'SetTradingState', accountId, tradingState, reason, metadata };
    }
    case 'ExecutionReported':
      return { type: 'ApplyExecutionReport', accountId, report: (input.payload as ExecutionReportedPayload).report, metadata };
    default:
      return null;
  }
}
