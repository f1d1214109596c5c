/** The one clock. Everything that asks "what time is it" takes a Clock so tests and --as-of runs can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move; for tests and as-of runs. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-01T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Instants are stored as UTC ISO strings: they sort as text on both databases. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();
