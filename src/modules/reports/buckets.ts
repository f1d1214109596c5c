/**
 * Aging buckets: how days past due (as-of date − due date) are grouped. Written as the ascending limits
 * of the overdue buckets, `30,60,90` (the default): current (not yet due), 1–30, 31–60, 61–90 and
 * over 90 days. Pure rules, no I/O.
 */
import { validationError } from '../../platform/errors.js';

export const DEFAULT_BUCKET_DAYS: readonly number[] = [30, 60, 90];
export const MAX_BUCKET_LIMITS = 12;
export const MAX_BUCKET_DAYS = 3650;

export interface BucketDefinition {
  /** Stable, URL-safe: `current`, `1-30`, …, `over-90`. */
  key: string;
  /** For people: `Current`, `1–30`, …, `90+`. */
  label: string;
  /** Days past due covered, inclusive; null: open-ended (current covers every day not yet past due). */
  fromDays: number | null;
  toDays: number | null;
}

/** The key of the column of unused credit-note credit, a drill-down target like the buckets. */
export const CREDIT_KEY = 'credit';

/** Parses `30,60,90` into ascending limits; a 400 naming the field (`buckets` or the given name) otherwise. */
export function parseBucketDays(text: string | undefined, field = 'buckets'): number[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_BUCKET_DAYS];
  const parts = text.split(',').map((p) => p.trim());
  const fail = (message: string) =>
    validationError(`Invalid ${field} "${text}": ${message}. Example: 30,60,90.`, [{ path: field, message }]);
  if (parts.some((p) => !/^\d+$/.test(p))) throw fail('must be whole numbers of days separated by commas');
  const days = parts.map(Number);
  if (days.length > MAX_BUCKET_LIMITS) throw fail(`must list at most ${MAX_BUCKET_LIMITS} limits`);
  if (days.some((d) => d < 1 || d > MAX_BUCKET_DAYS))
    throw fail(`each limit must be from 1 to ${MAX_BUCKET_DAYS}`);
  if (days.some((d, i) => i > 0 && d <= days[i - 1]!)) throw fail('limits must be strictly ascending');
  return days;
}

export function bucketDefinitions(days: readonly number[]): BucketDefinition[] {
  const defs: BucketDefinition[] = [{ key: 'current', label: 'Current', fromDays: null, toDays: 0 }];
  let from = 1;
  for (const to of days) {
    defs.push({ key: `${from}-${to}`, label: `${from}–${to}`, fromDays: from, toDays: to });
    from = to + 1;
  }
  const last = days[days.length - 1]!;
  defs.push({ key: `over-${last}`, label: `${last}+`, fromDays: last + 1, toDays: null });
  return defs;
}

/** The bucket index a key names, or `credit`; a 400 listing the valid keys otherwise. */
export function bucketIndexOf(key: string, days: readonly number[]): number | typeof CREDIT_KEY {
  if (key === CREDIT_KEY) return CREDIT_KEY;
  const defs = bucketDefinitions(days);
  const index = defs.findIndex((d) => d.key === key);
  if (index === -1) {
    const keys = [...defs.map((d) => d.key), CREDIT_KEY].join(', ');
    throw validationError(`Unknown bucket "${key}"; with these bucket limits the buckets are ${keys}.`, [
      { path: 'bucket', message: `must be one of ${keys}` },
    ]);
  }
  return index;
}
