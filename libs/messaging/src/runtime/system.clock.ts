import { Clock } from '@trading/domain';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
