import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatPercent, groupsOfFour } from './format.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('document formatting', () => {
  it('formats decimal strings exactly, grouped by locale', () => {
    expect(formatDecimal('1234567.5', 'en-GB', 2)).toBe('1,234,567.50');
    expect(plain(formatDecimal('1234567.5', 'fr-FR', 2))).toBe('1 234 567,50');
    expect(formatDecimal('0.1234', 'en-GB', 2)).toBe('0.1234');
    expect(formatDecimal('-12.300', 'en-GB')).toBe('-12.3');
    expect(formatDecimal('90071992547409931.01', 'en-GB', 2)).toBe('90,071,992,547,409,931.01');
    expect(() => formatDecimal('1e3', 'en-GB')).toThrow(/not a decimal/);
  });

  it('formats percentages and dates by locale', () => {
    expect(formatPercent('5.5', 'en-GB')).toBe('5.5%');
    expect(plain(formatPercent('5.5', 'fr-FR'))).toBe('5,5 %');
    expect(formatDate('2026-03-05', 'en-GB')).toBe('5 Mar 2026');
    expect(formatDate('2026-03-05', 'fr-FR')).toBe('5 mars 2026');
  });

  it('prints IBANs and references in groups of four', () => {
    expect(groupsOfFour('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(groupsOfFour('RF18 5390 0754 7034')).toBe('RF18 5390 0754 7034');
  });
});
