import { describe, expect, it } from 'vitest';
import { bucketOf } from '../invoicing/index.js';
import { bucketDefinitions, bucketIndexOf, parseBucketDays } from './buckets.js';

describe('aging buckets', () => {
  it('defaults to current / 1–30 / 31–60 / 61–90 / 90+', () => {
    const defs = bucketDefinitions(parseBucketDays(undefined));
    expect(defs.map((d) => d.key)).toEqual(['current', '1-30', '31-60', '61-90', 'over-90']);
    expect(defs.map((d) => d.label)).toEqual(['Current', '1–30', '31–60', '61–90', '90+']);
    expect(defs[4]).toEqual({ key: 'over-90', label: '90+', fromDays: 91, toDays: null });
  });

  it('parses custom limits and refuses bad ones with the field named', () => {
    expect(parseBucketDays('15, 45')).toEqual([15, 45]);
    expect(bucketDefinitions([15, 45]).map((d) => d.key)).toEqual(['current', '1-15', '16-45', 'over-45']);
    for (const bad of [
      '30,30',
      '60,30',
      '0,30',
      'a,b',
      '30;60',
      '-5',
      '99999',
      '1,2,3,4,5,6,7,8,9,10,11,12,13',
    ]) {
      expect(() => parseBucketDays(bad), bad).toThrow(/Invalid buckets/);
    }
  });

  it('names buckets by key, and credit', () => {
    expect(bucketIndexOf('current', [30, 60, 90])).toBe(0);
    expect(bucketIndexOf('over-90', [30, 60, 90])).toBe(4);
    expect(bucketIndexOf('credit', [30, 60, 90])).toBe('credit');
    expect(() => bucketIndexOf('91+', [30, 60, 90])).toThrow(/current, 1-30, 31-60, 61-90, over-90, credit/);
  });

  it('puts a due date in the bucket its days past due fall in (edges included)', () => {
    const asOf = '2026-12-01';
    const days = [30, 60, 90];
    expect(bucketOf('2026-12-05', asOf, days)).toBe(0); // not yet due
    expect(bucketOf('2026-12-01', asOf, days)).toBe(0); // due today: 0 days past due
    expect(bucketOf('2026-11-30', asOf, days)).toBe(1); // 1 day
    expect(bucketOf('2026-11-01', asOf, days)).toBe(1); // 30 days
    expect(bucketOf('2026-10-31', asOf, days)).toBe(2); // 31 days
    expect(bucketOf('2026-09-02', asOf, days)).toBe(3); // 90 days
    expect(bucketOf('2026-09-01', asOf, days)).toBe(4); // 91 days
  });
});
