/**
 * Money on the client: integer minor units plus an ISO 4217 currency, as the API sends them. Amounts
 * are shown with the currency's own number of decimals (JPY 0, EUR 2, KWD 3) and parsed back exactly,
 * as strings, never through floating-point arithmetic.
 */

/** ISO 4217 exponents that are not 2 (the server's table; browsers' Intl data can differ for a few). */
const NON_TWO_EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function currencyExponent(currency: string): number {
  return NON_TWO_EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** The exact decimal string of an amount of minor units: 123456 EUR → "1234.56", 5000 JPY → "5000". */
export function toDecimalString(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** An amount of minor units for people: "€1,234.56", "¥5,000", "KWD 1.250" (browser locale). */
export function formatMoney(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const key = `${currency}:${exponent}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch {
      formatter = new Intl.NumberFormat(undefined, {
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    }
    formatters.set(key, formatter);
  }
  // Intl formats a decimal string exactly (no float rounding for large amounts).
  return formatter.format(toDecimalString(minor, currency) as Intl.StringNumericLiteral);
}

/**
 * Parses what a person typed ("5000", "5 000.50", "1,250.5") into minor units of `currency`.
 * Returns an error message instead when it is not an amount or has more decimals than the currency.
 */
export function parseMoneyInput(text: string, currency: string): { minor: number } | { error: string } {
  const cleaned = text.trim().replace(/[\s_,']/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { error: 'must be an amount, e.g. 5000.00' };
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > exponent)
    return {
      error: exponent === 0 ? `${currency} has no decimals` : `${currency} has at most ${exponent} decimals`,
    };
  const minor = Number(`${match[1]}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) return { error: 'is too large' };
  return { minor };
}
