/**
 * Exact decimal arithmetic for invoice quantities, unit prices (more decimals than the currency, e.g.
 * `0.0125`), percentages and rates: a BigInt of units at a decimal scale. No floats anywhere.
 *
 * Rounding is half away from zero (commercial rounding: 0.125 → 0.13, −0.125 → −0.13), the rounding
 * EN 16931 expects for line net amounts (BT-131) and VAT category tax amounts (BT-117).
 */

/** value = units / 10^scale. Scale is the number of decimal places; never negative. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export interface ParseDecimalOptions {
  /** At most this many decimal places (default 12). */
  maxScale?: number;
  /** At most this many digits before the decimal point (default 15). */
  maxIntegerDigits?: number;
  /** Accept a leading minus sign (default false). */
  allowNegative?: boolean;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

export const ZERO: Decimal = { units: 0n, scale: 0 };

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export function decimal(units: bigint, scale = 0): Decimal {
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`Invalid decimal scale ${scale}`);
  return { units, scale };
}

/**
 * Why a decimal string is not acceptable, or null when it is. Messages are phrased to follow a field
 * name: "must be a decimal number like 12.5".
 */
export function decimalProblem(text: string, options: ParseDecimalOptions = {}): string | null {
  const { maxScale = 12, maxIntegerDigits = 15, allowNegative = false } = options;
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return 'must be a decimal number written like 12.5 (digits, an optional "." and more digits)';
  const [, sign, whole = '', fraction = ''] = match;
  if (sign === '-' && !allowNegative && /[1-9]/.test(whole + fraction)) return 'must not be negative';
  if (fraction.length > maxScale) return `must have at most ${maxScale} decimal places`;
  if (whole.replace(/^0+(?=\d)/, '').length > maxIntegerDigits) {
    return `must have at most ${maxIntegerDigits} digits before the decimal point`;
  }
  return null;
}

export function isDecimalString(text: string, options: ParseDecimalOptions = {}): boolean {
  return decimalProblem(text, options) === null;
}

/** Parses "12", "0.0125", "-3.50" exactly; throws a RangeError naming the problem. */
export function parseDecimal(text: string, options: ParseDecimalOptions = {}): Decimal {
  const problem = decimalProblem(text, options);
  if (problem) throw new RangeError(`"${text}" ${problem}`);
  const [, sign, whole = '0', fraction = ''] = DECIMAL_PATTERN.exec(text)!;
  const magnitude = BigInt(whole + fraction);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/**
 * A decimal from a JS number that is written exactly in decimal (30, 33.33, 2.5) — for inputs that
 * arrive as JSON numbers, such as percentages in payment terms. Uses the shortest round-trip
 * representation, so 0.1 becomes exactly 1/10, never 0.1000000000000000055….
 */
export function decimalFromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) {
    const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
    const base = parseDecimal(mantissa, { allowNegative: true, maxScale: 40, maxIntegerDigits: 40 });
    const exponent = Number(exponentText);
    return exponent >= 0
      ? normalize({ units: base.units * pow10(exponent), scale: base.scale })
      : normalize({ units: base.units, scale: base.scale - exponent });
  }
  return parseDecimal(text, { allowNegative: true, maxScale: 40, maxIntegerDigits: 40 });
}

/** Minor units of a currency with the given exponent, as a decimal (12345 at 2 → 123.45). */
export function decimalFromMinor(minor: bigint | number, exponent: number): Decimal {
  return decimal(BigInt(minor), exponent);
}

/** Exact text, without superfluous trailing zeros unless `minScale` asks for them: 12.50 → "12.5". */
export function decimalToString(value: Decimal, minScale = 0): string {
  const n = normalize(value);
  const d = rescale(n, Math.max(minScale, n.scale));
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = d.scale === 0 ? digits : digits.slice(0, -d.scale);
  const fraction = d.scale === 0 ? '' : `.${digits.slice(-d.scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Drops trailing zero decimals: 12.500 → 12.5. Equal values normalize to identical objects. */
export function normalize(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

/** The same value at a larger scale (exact). Use `roundDecimal` to go to a smaller scale. */
export function rescale(value: Decimal, scale: number): Decimal {
  if (scale < value.scale) throw new RangeError(`Cannot rescale ${value.scale} to ${scale} without rounding`);
  return { units: value.units * pow10(scale - value.scale), scale };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale).units, rescale(b, scale).units, scale];
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function negateDecimal(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale };
}

export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZeroDecimal(a: Decimal): boolean {
  return a.units === 0n;
}

export function signOf(a: Decimal): -1 | 0 | 1 {
  return a.units < 0n ? -1 : a.units > 0n ? 1 : 0;
}

/** numerator / denominator rounded half away from zero to an integer. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** Rounds to `places` decimal places, half away from zero. Exact when `places` ≥ the scale. */
export function roundDecimal(value: Decimal, places: number): Decimal {
  if (!Number.isInteger(places) || places < 0) throw new RangeError(`Invalid number of places ${places}`);
  if (places >= value.scale) return rescale(value, places);
  return { units: divideRoundHalfAwayFromZero(value.units, pow10(value.scale - places)), scale: places };
}

/** The value as a whole number of minor units of a currency with this exponent, rounded half away from zero. */
export function toMinorUnits(value: Decimal, exponent: number): bigint {
  return roundDecimal(value, exponent).units;
}

/** value × percent / 100, exact (no rounding). */
export function percentOf(value: Decimal, percent: Decimal): Decimal {
  return { units: value.units * percent.units, scale: value.scale + percent.scale + 2 };
}
