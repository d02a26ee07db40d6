import type { Clock } from '@ketenhuis/sdk';

/** A clock a test moves by hand, so deadlines pass without anybody sleeping. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-02T08:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  /** Moves on by milliseconds, or by `{ days, hours, minutes }`. */
  advance(by: number | { days?: number; hours?: number; minutes?: number }): Date {
    const ms = typeof by === 'number' ? by : ((by.days ?? 0) * 24 * 60 + (by.hours ?? 0) * 60 + (by.minutes ?? 0)) * 60_000;
    this.current += ms;
    return this.now();
  }
}
