/**
 * Retry delays: exponential in the attempt number, capped, with jitter that only ever shortens the
 * delay (so the cap is a true upper bound) and spreads retries of jobs that failed together.
 */
export interface BackoffOptions {
  /** Delay after the first failed attempt (ms). */
  baseMs: number;
  /** Upper bound of any delay (ms). */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Fraction of the delay that may be taken off at random, 0…1. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000, factor: 2, jitter: 0.25 };

/** Delay before the next attempt, given how many attempts have failed so far (1 = the first). */
export function backoffMs(
  failedAttempts: number,
  options: Partial<BackoffOptions> = {},
  random = Math.random,
): number {
  const { baseMs, maxMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
  // Math.min before the jitter keeps huge exponents (Infinity) harmless.
  const full = Math.min(maxMs, baseMs * factor ** exponent);
  const cut = Math.min(1, Math.max(0, jitter)) * Math.min(1, Math.max(0, random()));
  return Math.round(full * (1 - cut));
}
