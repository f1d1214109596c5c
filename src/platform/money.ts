/**
 * Money is an integer number of minor units plus an ISO 4217 currency code; never a float.
 * The exponent (number of minor-unit digits) comes from ISO 4217: JPY 0, EUR 2, KWD 3.
 */
import { z } from 'zod';

/** ISO 4217 currencies whose exponent is not 2. Every other active code uses 2. */
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

const KNOWN_CODES = new Set<string>([
  ...Intl.supportedValuesOf('currency'),
  ...Object.keys(NON_TWO_EXPONENTS),
]);

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CODES.has(code);
}

export function currencyExponent(code: string): number {
  if (!isCurrency(code)) throw new RangeError(`Unknown ISO 4217 currency code "${code}"`);
  return NON_TWO_EXPONENTS[code] ?? 2;
}

export const currencySchema = z
  .string()
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code, e.g. EUR' });

export interface Money {
  readonly amount: number; // minor units, a safe integer
  readonly currency: string;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`Money amount must be an integer of minor units, got ${amount}`);
  currencyExponent(currency);
  return { amount: amount === 0 ? 0 : amount, currency }; // no -0 (e.g. a zero share of a negative total)
}

/** Parses a decimal string ("1234.5", "-0.07") into minor units, refusing more digits than the currency has. */
export function parseMoney(decimal: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`"${decimal}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new RangeError(`"${decimal}" has more than ${exponent} decimal places for ${currency}`);
  }
  const minor = Number(`${whole}${fraction.padEnd(exponent, '0')}`);
  return money(sign ? -minor : minor, currency);
}

/** Exact decimal string of a money value, e.g. 123456 EUR → "1234.56". */
export function toDecimalString(value: Money): string {
  const exponent = currencyExponent(value.currency);
  const negative = value.amount < 0;
  const digits = Math.abs(value.amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function formatMoney(value: Money, locale = 'en'): string {
  const exponent = currencyExponent(value.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(Number(toDecimalString(value)));
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`Cannot combine ${a.currency} with ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/**
 * Splits an amount into parts proportional to the weights; the remainder minor units go to the
 * largest fractional shares first (ties to the earlier part), so the parts always add up to the whole.
 * Computed in BigInt, so it stays exact for any safe-integer amount and weights.
 */
export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  if (
    weights.length === 0 ||
    weights.some((w) => w < 0 || !Number.isSafeInteger(w)) ||
    weights.every((w) => w === 0)
  ) {
    throw new RangeError('Weights must be non-negative whole numbers, not all zero');
  }
  const sign = total.amount < 0 ? -1n : 1n;
  const whole = BigInt(Math.abs(total.amount));
  const big = weights.map(BigInt);
  const weightSum = big.reduce((s, w) => s + w, 0n);
  const floors = big.map((w) => (whole * w) / weightSum);
  const remainders = big.map((w, i) => ({ i, rest: (whole * w) % weightSum }));
  let left = whole - floors.reduce((s, f) => s + f, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) {
    const target = remainders[k % remainders.length]!.i;
    floors[target] = floors[target]! + 1n;
  }
  return floors.map((amount) => money(Number(amount * sign), total.currency));
}
