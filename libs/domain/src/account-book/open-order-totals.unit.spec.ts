import { accountOpened, orderPlaced } from '../testing/account-book.fixtures';
import { accountBookDecider } from './account-book.decider';
import { AccountBookEvent } from './account-book.events';
import { OpenAccountBook } from './account-book.state';
import { NO_OPEN_ORDERS, openOrderTotals } from './open-order-totals';

const bookAfter = (events: readonly AccountBookEvent[]): OpenAccountBook =>
  events.reduce((state, event) => accountBookDecider.evolve(state, event), accountBookDecider.initialState()) as OpenAccountBook;

describe('the open-order totals of an account book', () => {
  it('start at nothing when the account opens', () => {
    expect(bookAfter([accountOpened()]).openTotals).toEqual(NO_OPEN_ORDERS);
  });

  it('add up the open orders: their count, the cash they hold, and per symbol what each side may still add', () => {
    const book = bookAfter([
      accountOpened(),
      orderPlaced('o-1', { symbol: 'MSFT', side: 'buy', qty: '10', limitPrice: '100.00' }),
      orderPlaced('o-2', { symbol: 'AAPL', side: 'sell', qty: '2.5', limitPrice: '150.00' }),
      orderPlaced('o-3', { symbol: 'AAPL', side: 'buy', qty: '1', limitPrice: '150.00' }),
    ]);

    expect(book.openTotals).toEqual({
      count: 3,
      reservedCash: openOrderTotals([...book.orders.values()]).reservedCash,
      bySymbol: { AAPL: { buy: '1', sell: '2.5' }, MSFT: { buy: '10', sell: '0' } },
    });
    expect(Object.keys(book.openTotals.bySymbol)).toEqual(['AAPL', 'MSFT']);
  });

  it('leave out the orders that are no longer open', () => {
    const book = bookAfter([accountOpened(), orderPlaced('o-1', { symbol: 'MSFT', qty: '10' })]);
    const order = book.orders.get('o-1');
    if (!order) throw new Error('o-1 missing');

    expect(openOrderTotals([order, { ...order, orderId: 'o-2', status: 'filled', reservedCash: '0.00' }])).toEqual(book.openTotals);
    expect(openOrderTotals([{ ...order, status: 'canceled', reservedCash: '0.00' }])).toEqual(NO_OPEN_ORDERS);
  });
});
