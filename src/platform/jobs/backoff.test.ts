import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffMs', () => {
  const noJitter = () => 0;

  it('doubles per failed attempt from the base', () => {
    const options = { baseMs: 1000, maxMs: 1_000_000, factor: 2, jitter: 0 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, options, noJitter))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, even for absurd attempt numbers', () => {
    expect(backoffMs(10_000, { baseMs: 1000, maxMs: 30_000 }, noJitter)).toBe(30_000);
    expect(backoffMs(10_000, { baseMs: 1000, maxMs: 30_000 }, () => 0.999)).toBeLessThanOrEqual(30_000);
  });

  it('jitter only shortens the delay, by at most the jitter fraction', () => {
    const options = { baseMs: 1000, maxMs: 1_000_000, factor: 2, jitter: 0.25 };
    for (const r of [0, 0.3, 0.5, 0.999, 1]) {
      const delay = backoffMs(3, options, () => r);
      expect(delay).toBeLessThanOrEqual(4000);
      expect(delay).toBeGreaterThanOrEqual(3000);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    expect(backoffMs(0, {}, noJitter)).toBe(DEFAULT_BACKOFF.baseMs);
    expect(backoffMs(-3, {}, noJitter)).toBe(DEFAULT_BACKOFF.baseMs);
  });
});
