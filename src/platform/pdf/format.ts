/**
 * Locale formatting for documents. Decimal strings (quantities, unit prices with extra digits,
 * rates) are formatted digit by digit so no value ever passes through a float.
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

const separatorCache = new Map<string, { group: string; decimal: string }>();

function separators(locale: string): { group: string; decimal: string } {
  let found = separatorCache.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    separatorCache.set(locale, found);
  }
  return found;
}

/**
 * "1234.5" → "1,234.50" (en, minFraction 2) or "1 234,50" (fr). Digits beyond minFraction are kept
 * when significant, so a unit price of "0.1234" is shown as given.
 */
export function formatDecimal(value: string, locale: string, minFraction = 0): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`"${value}" is not a decimal number`);
  const [, sign, whole = '0', fraction = ''] = match;
  const { group, decimal } = separators(locale);
  const grouped = BigInt(whole).toLocaleString('en-US').replaceAll(',', group);
  const shown = fraction.replace(/0+$/, '').padEnd(minFraction, '0');
  return `${sign ?? ''}${grouped}${shown ? `${decimal}${shown}` : ''}`;
}

/** "5.5" → "5.5%" (en) or "5,5 %" (fr): the locale's percent pattern around the exact digits. */
export function formatPercent(value: string, locale: string): string {
  const pattern = new Intl.NumberFormat(locale, { style: 'percent' }).format(1); // "100%", "100 %"
  return pattern.replace('100', formatDecimal(value, locale));
}

/** A business date (YYYY-MM-DD) in the locale's medium style: "5 Mar 2026", "5 mars 2026". */
export function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Groups of four for IBANs and RF references, as printed on paper: "FR76 3000 6000 …". */
export const groupsOfFour = (value: string): string =>
  value
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
