import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDateSchema,
  dateInZone,
  daysBetween,
  isBusinessDate,
  isValidTimeZone,
} from './dates.js';

describe('isBusinessDate', () => {
  it('accepts real calendar dates written YYYY-MM-DD', () => {
    for (const d of ['2026-02-28', '2028-02-29', '2026-12-31', '2000-02-29'])
      expect(isBusinessDate(d), d).toBe(true);
  });

  it('refuses impossible dates and other spellings', () => {
    for (const d of [
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-2-1',
      '2026-02-01T00:00',
      ' 2026-02-01',
      '20260201',
      '',
    ]) {
      expect(isBusinessDate(d), d).toBe(false);
    }
    expect(businessDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(businessDateSchema.safeParse('2026-02-03').success).toBe(true);
  });
});

describe('dateInZone', () => {
  it('decides "today" by the company time zone around midnight', () => {
    const instant = new Date('2026-12-04T23:30:00Z');
    expect(dateInZone(instant, 'Europe/Paris')).toBe('2026-12-05');
    expect(dateInZone(instant, 'America/New_York')).toBe('2026-12-04');
    expect(dateInZone(instant, 'UTC')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-05T04:59:59Z'), 'America/New_York')).toBe('2026-12-04');
    expect(dateInZone(new Date('2026-12-05T05:00:00Z'), 'America/New_York')).toBe('2026-12-05');
    expect(dateInZone(new Date('2026-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-01-01');
  });

  it('follows daylight saving time', () => {
    // Paris is UTC+2 in summer, UTC+1 in winter.
    expect(dateInZone(new Date('2026-07-01T22:30:00Z'), 'Europe/Paris')).toBe('2026-07-02');
    expect(dateInZone(new Date('2026-01-01T22:30:00Z'), 'Europe/Paris')).toBe('2026-01-01');
  });

  it('knows valid time zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year, leap day and DST changes', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29'); // EU clocks go forward on 2026-03-29
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09'); // US clocks go forward on 2026-03-08
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26'); // EU clocks go back on 2026-10-25
    expect(addDays('2026-01-15', 365)).toBe('2027-01-15');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('counts whole calendar days, signed', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-12-05', '2026-12-04')).toBe(-1);
    expect(daysBetween('2026-12-04', '2026-12-04')).toBe(0);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-400, -31, -1, 0, 1, 29, 59, 366, 1000]) {
      expect(daysBetween('2026-03-29', addDays('2026-03-29', n))).toBe(n);
    }
  });
});
