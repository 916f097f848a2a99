import { applyFillToPosition, FLAT_POSITION, Position, PositionFill, positionSide } from './position';

const buy = (qty: string, price: string): PositionFill => ({ side: 'buy', qty, price });
const sell = (qty: string, price: string): PositionFill => ({ side: 'sell', qty, price });
const after = (...fills: PositionFill[]): Position => fills.reduce(applyFillToPosition, FLAT_POSITION);

describe('position math (average cost)', () => {
  describe('given no position', () => {
    it('when bought, then the position is long at the fill price', () => {
      expect(after(buy('10', '150.00'))).toEqual({ qty: '10', avgEntryPrice: '150.00', costBasis: '1500.00', realizedPnl: '0.00' });
      expect(positionSide(after(buy('10', '150.00')))).toBe('long');
    });

    it('when sold, then the position is short at the fill price', () => {
      const short = after(sell('4', '20.50'));

      expect(short).toEqual({ qty: '-4', avgEntryPrice: '20.50', costBasis: '82.00', realizedPnl: '0.00' });
      expect(positionSide(short)).toBe('short');
    });
  });

  describe('given a long position', () => {
    it('when more is bought, then the average is the cost-weighted mean', () => {
      expect(after(buy('10', '150.00'), buy('5', '153.00'))).toEqual({
        qty: '15',
        avgEntryPrice: '151.00',
        costBasis: '2265.00',
        realizedPnl: '0.00',
      });
    });

    it('when part is sold, then P&L is realized against the average and the average stays', () => {
      expect(after(buy('10', '150.00'), buy('5', '153.00'), sell('6', '155.25'))).toEqual({
        qty: '9',
        avgEntryPrice: '151.00',
        costBasis: '1359.00',
        realizedPnl: '25.50',
      });
    });

    it('when sold at a loss, then the realized P&L is negative', () => {
      expect(after(buy('10', '150.00'), sell('4', '149.10')).realizedPnl).toBe('-3.60');
    });

    it('when all is sold, then it is flat and keeps its realized P&L', () => {
      const flat = after(buy('10', '150.00'), sell('10', '151.00'));

      expect(flat).toEqual({ qty: '0', avgEntryPrice: '0.00', costBasis: '0.00', realizedPnl: '10.00' });
      expect(positionSide(flat)).toBe('flat');
    });

    it('when more is sold than held, then the rest opens a short at the fill price', () => {
      expect(after(buy('10', '150.00'), sell('15', '160.00'))).toEqual({
        qty: '-5',
        avgEntryPrice: '160.00',
        costBasis: '800.00',
        realizedPnl: '100.00',
      });
    });
  });

  describe('given a short position', () => {
    it('when part is bought back lower, then the short realizes a gain', () => {
      expect(after(sell('10', '50.00'), buy('4', '45.00'))).toEqual({
        qty: '-6',
        avgEntryPrice: '50.00',
        costBasis: '300.00',
        realizedPnl: '20.00',
      });
    });

    it('when more is bought than is short, then it flips long at the fill price', () => {
      expect(after(sell('10', '50.00'), buy('12', '52.00'))).toEqual({
        qty: '2',
        avgEntryPrice: '52.00',
        costBasis: '104.00',
        realizedPnl: '-20.00',
      });
    });
  });

  describe('decimals', () => {
    it('are exact where binary floats are not (0.1 + 0.2)', () => {
      expect(after(buy('0.1', '0.10'), buy('0.2', '0.10'), sell('0.3', '0.30'))).toEqual({
        qty: '0',
        avgEntryPrice: '0.00',
        costBasis: '0.00',
        realizedPnl: '0.06',
      });
    });

    it('keep fractional shares and sub-cent prices exactly', () => {
      expect(after(buy('0.125', '100.0001'), buy('1.5', '99.99'))).toEqual({
        qty: '1.625',
        avgEntryPrice: '99.990776923',
        costBasis: '162.4850125',
        realizedPnl: '0.00',
      });
    });

    it('round only the average (half-even, 9 places) and realize against the recorded average', () => {
      const thirds = after(buy('1', '10.00'), buy('1', '10.00'), buy('1', '10.01'));
      expect(thirds.avgEntryPrice).toBe('10.003333333');

      expect(applyFillToPosition(thirds, sell('3', '10.01')).realizedPnl).toBe('0.020000001');
    });
  });
});
