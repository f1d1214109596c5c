/**
 * Due dates from payment terms — a pure calculation, no I/O.
 *
 * - net N: issue date + N days.
 * - end of month + N: the last day of the issue month, plus N days.
 * - instalments: one due date per part (issue date + its days), the gross total split by the parts'
 *   percentages with `allocateMoney`, so the amounts always add up to the total exactly.
 * - early-payment discount: pay within `days` of the issue date and pay `percent` less (the discount
 *   is computed on the gross total, rounded half away from zero to the currency).
 * Every date that falls on a non-working day (weekly days off, default Saturday and Sunday, and
 * holidays) moves to the next working day.
 *
 * The terms shape mirrors the customers module's `paymentTermsSchema`; it is declared here again so
 * that this file stands alone.
 */
import { addDays, type BusinessDate, isBusinessDate } from '../../platform/dates.js';
import { type FieldError, validationError } from '../../platform/errors.js';
import { allocateMoney, currencyExponent, type Money, money } from '../../platform/money.js';
import {
  compareDecimal,
  type Decimal,
  decimalFromMinor,
  decimalFromNumber,
  decimalToString,
  parseDecimal,
  percentOf,
  rescale,
  signOf,
  toMinorUnits,
} from './decimal.js';

/** Percentages may arrive as JSON numbers (2, 33.33) or decimal strings ("2.5"); they are read exactly. */
export type Percent = number | string;

export interface EarlyDiscount {
  percent: Percent;
  days: number;
}

export type PaymentTerms =
  | { kind: 'net'; days: number; earlyDiscount?: EarlyDiscount | undefined }
  | { kind: 'end_of_month'; days: number; earlyDiscount?: EarlyDiscount | undefined }
  | {
      kind: 'instalments';
      parts: readonly { days: number; percent: Percent }[];
      earlyDiscount?: EarlyDiscount | undefined;
    };

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface WorkingCalendar {
  /** Weekly days off; default Saturday and Sunday. */
  daysOff?: readonly Weekday[] | undefined;
  /** Holidays (YYYY-MM-DD). */
  holidays?: readonly BusinessDate[] | undefined;
}

export interface Instalment {
  /** 1-based position in the schedule. */
  number: number;
  dueDate: BusinessDate;
  /** The date before any move to a working day. */
  nominalDueDate: BusinessDate;
  percent: string;
  amount: Money;
}

export interface EarlyDiscountTerms {
  /** Pay on or before this date to take the discount. */
  deadline: BusinessDate;
  percent: string;
  discountAmount: Money;
  /** What to pay by the deadline: total − discount. */
  discountedAmount: Money;
}

export interface PaymentSchedule {
  /** The last due date (of the only or the final instalment). */
  dueDate: BusinessDate;
  instalments: Instalment[];
  earlyDiscount: EarlyDiscountTerms | null;
}

export const MAX_TERM_DAYS = 3660;
const DEFAULT_DAYS_OFF: readonly Weekday[] = [0, 6];
const HUNDRED: Decimal = { units: 100n, scale: 0 };

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function weekday(date: BusinessDate): Weekday {
  return new Date(`${date}T00:00:00Z`).getUTCDay() as Weekday;
}

/** The last calendar day of the month of `date`. */
export function endOfMonth(date: BusinessDate): BusinessDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  return last.toISOString().slice(0, 10);
}

export function isWorkingDay(date: BusinessDate, calendar: WorkingCalendar = {}): boolean {
  const daysOff = calendar.daysOff ?? DEFAULT_DAYS_OFF;
  return !daysOff.includes(weekday(date)) && !(calendar.holidays ?? []).includes(date);
}

/** `date` itself when it is a working day, else the next working day after it. */
export function nextWorkingDay(date: BusinessDate, calendar: WorkingCalendar = {}): BusinessDate {
  const daysOff = new Set(calendar.daysOff ?? DEFAULT_DAYS_OFF);
  if (daysOff.size >= 7) throw new RangeError('The working calendar has no working weekday');
  const holidays = new Set(calendar.holidays ?? []);
  let current = date;
  // Bounded: at most every holiday plus the weekly days off in between.
  for (let guard = 0; guard <= holidays.size * 7 + 7; guard++) {
    if (!daysOff.has(weekday(current)) && !holidays.has(current)) return current;
    current = addDays(current, 1);
  }
  throw new RangeError(`No working day found after ${date}`);
}

function percentProblem(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
  } else if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) {
    return 'must be a number like 2 or 2.5';
  }
  const parsed = decimalFromNumberOrString(value as Percent);
  if (signOf(parsed) < 0) return 'must not be negative';
  if (compareDecimal(parsed, HUNDRED) > 0) return 'must be at most 100';
  if (parsed.scale > 4) return 'must have at most 4 decimal places';
  return null;
}

function decimalFromNumberOrString(value: Percent): Decimal {
  return typeof value === 'number'
    ? decimalFromNumber(value)
    : parseDecimal(value, { maxScale: 40, maxIntegerDigits: 40 });
}

function daysProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number of days';
  if (value < 0) return 'must not be negative';
  if (value > MAX_TERM_DAYS) return `must be at most ${MAX_TERM_DAYS} days`;
  return null;
}

/** Every problem with the terms, each naming its field (`terms.parts.1.percent`). */
export function paymentTermsProblems(terms: PaymentTerms, prefix = 'terms'): FieldError[] {
  const errors: FieldError[] = [];
  const check = (path: string, problem: string | null) => {
    if (problem) errors.push({ path: `${prefix}.${path}`, message: problem });
  };
  if (terms.kind === 'net' || terms.kind === 'end_of_month') {
    check('days', daysProblem(terms.days));
  } else if (terms.kind === 'instalments') {
    if (!Array.isArray(terms.parts) || terms.parts.length === 0) {
      check('parts', 'must contain at least one instalment');
    } else {
      let sum: Decimal = { units: 0n, scale: 0 };
      let allValid = true;
      terms.parts.forEach((part, i) => {
        const dayProblem = daysProblem(part.days);
        const pctProblem = percentProblem(part.percent);
        check(`parts.${i}.days`, dayProblem);
        check(`parts.${i}.percent`, pctProblem);
        if (pctProblem) {
          allValid = false;
          return;
        }
        const pct = decimalFromNumberOrString(part.percent);
        if (signOf(pct) === 0) {
          check(`parts.${i}.percent`, 'must be greater than 0');
          allValid = false;
        }
        const scale = Math.max(sum.scale, pct.scale);
        sum = { units: rescale(sum, scale).units + rescale(pct, scale).units, scale };
        if (i > 0 && !dayProblem && part.days < terms.parts[i - 1]!.days) {
          check(`parts.${i}.days`, 'must not be earlier than the previous instalment');
        }
      });
      if (allValid && compareDecimal(sum, HUNDRED) !== 0) {
        check('parts', `percentages must add up to 100, they add up to ${decimalToString(sum)}`);
      }
    }
  } else {
    check('kind', 'must be "net", "end_of_month" or "instalments"');
  }
  if (terms.earlyDiscount !== undefined && terms.earlyDiscount !== null) {
    check('earlyDiscount.days', daysProblem(terms.earlyDiscount.days));
    const pctProblem = percentProblem(terms.earlyDiscount.percent);
    check('earlyDiscount.percent', pctProblem);
    if (!pctProblem && signOf(decimalFromNumberOrString(terms.earlyDiscount.percent)) === 0) {
      check('earlyDiscount.percent', 'must be greater than 0');
    }
  }
  return errors;
}

function calendarProblems(calendar: WorkingCalendar): FieldError[] {
  const errors: FieldError[] = [];
  const daysOff = calendar.daysOff ?? DEFAULT_DAYS_OFF;
  daysOff.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 6) {
      errors.push({ path: `calendar.daysOff.${i}`, message: 'must be a weekday number, 0 (Sunday) to 6' });
    }
  });
  if (new Set(daysOff).size >= 7) {
    errors.push({ path: 'calendar.daysOff', message: 'must leave at least one working weekday' });
  }
  (calendar.holidays ?? []).forEach((h, i) => {
    if (!isBusinessDate(h))
      errors.push({ path: `calendar.holidays.${i}`, message: 'must be a date YYYY-MM-DD' });
  });
  return errors;
}

/**
 * The payment schedule of a document: due date(s), instalment amounts that add up to `total`, and
 * the early-payment discount. Throws a 400 validation error naming the faulty field.
 */
export function paymentSchedule(
  terms: PaymentTerms,
  issueDate: BusinessDate,
  total: Money,
  calendar: WorkingCalendar = {},
): PaymentSchedule {
  const errors = [...paymentTermsProblems(terms), ...calendarProblems(calendar)];
  if (!isBusinessDate(issueDate)) errors.push({ path: 'issueDate', message: 'must be a date YYYY-MM-DD' });
  if (!Number.isSafeInteger(total.amount) || total.amount < 0) {
    errors.push({ path: 'total', message: 'must be a non-negative whole number of minor units' });
  }
  if (errors.length > 0) {
    throw validationError(
      `The payment terms are not valid: ${errors[0]!.path} ${errors[0]!.message}.`,
      errors,
    );
  }
  const working = (date: BusinessDate) => nextWorkingDay(date, calendar);

  let instalments: Instalment[];
  if (terms.kind === 'instalments') {
    const percents = terms.parts.map((p) => decimalFromNumberOrString(p.percent));
    const scale = Math.max(...percents.map((p) => p.scale));
    // Integer weights (percent × 10^scale, reduced by their common divisor): allocateMoney's
    // amount × weight products then stay exact safe integers for any realistic total.
    const units = percents.map((p) => rescale(p, scale).units);
    const divisor = units.reduce(gcd);
    const weights = units.map((u) => Number(u / divisor));
    const amounts =
      total.amount === 0 ? weights.map(() => money(0, total.currency)) : allocateMoney(total, weights);
    instalments = terms.parts.map((part, i) => {
      const nominal = addDays(issueDate, part.days);
      return {
        number: i + 1,
        nominalDueDate: nominal,
        dueDate: working(nominal),
        percent: decimalToString(percents[i]!),
        amount: amounts[i]!,
      };
    });
  } else {
    const nominal = addDays(terms.kind === 'net' ? issueDate : endOfMonth(issueDate), terms.days);
    instalments = [
      { number: 1, nominalDueDate: nominal, dueDate: working(nominal), percent: '100', amount: total },
    ];
  }

  let earlyDiscount: EarlyDiscountTerms | null = null;
  if (terms.earlyDiscount) {
    const exponent = currencyExponent(total.currency);
    const percent = decimalFromNumberOrString(terms.earlyDiscount.percent);
    const discount = Number(
      toMinorUnits(percentOf(decimalFromMinor(total.amount, exponent), percent), exponent),
    );
    earlyDiscount = {
      deadline: working(addDays(issueDate, terms.earlyDiscount.days)),
      percent: decimalToString(percent),
      discountAmount: money(discount, total.currency),
      discountedAmount: money(total.amount - discount, total.currency),
    };
  }
  return { dueDate: instalments[instalments.length - 1]!.dueDate, instalments, earlyDiscount };
}

/** The (final) due date only. */
export function dueDate(
  terms: PaymentTerms,
  issueDate: BusinessDate,
  calendar: WorkingCalendar = {},
): BusinessDate {
  return paymentSchedule(terms, issueDate, money(0, 'EUR'), calendar).dueDate;
}
