/**
 * Follow-up rules, pure (no I/O): step actions and their validation, which step is due (catch-up: only
 * the latest), fee and interest amounts in minor units, and `{{variable}}` templates.
 */
import { addDays, type BusinessDate, daysBetween } from '../../platform/dates.js';
import type { FieldError } from '../../platform/errors.js';

export const TONES = ['friendly', 'firm', 'final'] as const;
export type Tone = (typeof TONES)[number];
export const TONE_RANK: Record<Tone, number> = { friendly: 0, firm: 1, final: 2 };

export const TEMPLATE_LANGUAGES = ['en', 'fr'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** Variables a reminder template may use, written `{{name}}`. */
export const TEMPLATE_VARIABLES = [
  'customerName',
  'companyName',
  'invoiceNumbers',
  'invoiceList',
  'dueDates',
  'daysOverdue',
  'totalOverdue',
  'paymentInstructions',
  'paymentLink',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export interface MessageTemplate {
  subject: string;
  body: string;
}

export type StepAction =
  | { type: 'reminder'; templates?: Partial<Record<TemplateLanguage, MessageTemplate>> | undefined }
  | {
      type: 'task';
      department: 'finance' | 'logistics' | 'sales' | 'customer_service';
      role?: string | null | undefined;
      title: string;
      priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined;
    }
  | {
      type: 'late_fee';
      /** fixed: `amount` minor units of `currency` (invoices in other currencies get no fee); percent: of the open amount. */
      mode: 'fixed' | 'percent';
      amount?: number | null | undefined;
      currency?: string | null | undefined;
      percent?: string | null | undefined;
      description?: string | undefined;
    }
  | { type: 'interest'; annualRatePercent: string; description?: string | undefined }
  | { type: 'credit_hold'; reason?: string | undefined };

export interface StepDefinition {
  position: number;
  name: string;
  /** Days from the due date: negative before it, positive after it. */
  offsetDays: number;
  tone: Tone;
  actions: StepAction[];
}

/** "3 days before due", "on the due date", "10 days after due". */
export function describeOffset(offsetDays: number): string {
  if (offsetDays === 0) return 'on the due date';
  const n = Math.abs(offsetDays);
  return `${n} day${n === 1 ? '' : 's'} ${offsetDays < 0 ? 'before' : 'after'} the due date`;
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The `{{names}}` a template uses that are not known variables. */
export function unknownVariables(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] ?? '';
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name) && !unknown.includes(name))
      unknown.push(name);
  }
  return unknown;
}

export function renderTemplate(text: string, values: Record<TemplateVariable, string>): string {
  return text.replace(VARIABLE, (whole, name: string) =>
    name in values ? values[name as TemplateVariable] : whole,
  );
}

const DECIMAL = /^\d{1,6}(\.\d{1,6})?$/;

/**
 * Checks what the zod shape cannot: steps in strictly increasing offset order (no two on the same
 * day), template variables, fee and rate ranges. Paths name the step (`steps.2.actions.0.percent`).
 */
export function checkSteps(steps: readonly Omit<StepDefinition, 'position'>[]): FieldError[] {
  const errors: FieldError[] = [];
  if (steps.length === 0) errors.push({ path: 'steps', message: 'must contain at least one step' });
  steps.forEach((step, i) => {
    const at = `steps.${i}`;
    const label = `step ${i + 1} ("${step.name}")`;
    if (i > 0) {
      const previous = steps[i - 1]!;
      if (step.offsetDays === previous.offsetDays)
        errors.push({
          path: `${at}.offsetDays`,
          message: `${label} overlaps step ${i} ("${previous.name}"): both fire ${describeOffset(step.offsetDays)}`,
        });
      else if (step.offsetDays < previous.offsetDays)
        errors.push({
          path: `${at}.offsetDays`,
          message: `${label} fires ${describeOffset(step.offsetDays)}, before step ${i} ("${previous.name}", ${describeOffset(previous.offsetDays)}): steps must be in the order they fire`,
        });
    }
    if (step.actions.length === 0) errors.push({ path: `${at}.actions`, message: `${label} has no action` });
    const kinds = new Set<string>();
    step.actions.forEach((action, j) => {
      const ap = `${at}.actions.${j}`;
      if (kinds.has(action.type))
        errors.push({ path: `${ap}.type`, message: `${label} has two "${action.type}" actions` });
      kinds.add(action.type);
      if (action.type === 'reminder') {
        for (const [language, template] of Object.entries(action.templates ?? {})) {
          if (!template) continue;
          for (const field of ['subject', 'body'] as const) {
            for (const name of unknownVariables(template[field]))
              errors.push({
                path: `${ap}.templates.${language}.${field}`,
                message: `${label}: unknown template variable {{${name}}} (known: ${TEMPLATE_VARIABLES.join(', ')})`,
              });
          }
        }
      } else if (action.type === 'late_fee') {
        if (action.mode === 'fixed') {
          const amount = action.amount;
          if (amount === null || amount === undefined || !Number.isInteger(amount) || amount <= 0)
            errors.push({
              path: `${ap}.amount`,
              message: `${label}: a fixed fee must be a positive whole number of minor units (got ${amount ?? 'nothing'})`,
            });
          if (!action.currency)
            errors.push({ path: `${ap}.currency`, message: `${label}: a fixed fee needs its currency` });
        } else {
          const percent = action.percent ?? '';
          if (!DECIMAL.test(percent) || Number(percent) <= 0 || Number(percent) > 100)
            errors.push({
              path: `${ap}.percent`,
              message: `${label}: a fee percentage must be a decimal above 0 and at most 100 (got "${percent}")`,
            });
        }
      } else if (action.type === 'interest') {
        if (
          !DECIMAL.test(action.annualRatePercent) ||
          Number(action.annualRatePercent) <= 0 ||
          Number(action.annualRatePercent) > 100
        )
          errors.push({
            path: `${ap}.annualRatePercent`,
            message: `${label}: an annual interest rate must be a decimal percentage above 0 and at most 100 (got "${action.annualRatePercent}")`,
          });
      }
    });
  });
  return errors;
}

/** When a step is due for an invoice due on `dueDate`. */
export const stepDate = (dueDate: BusinessDate, step: Pick<StepDefinition, 'offsetDays'>): BusinessDate =>
  addDays(dueDate, step.offsetDays);

/** The first step after `currentStep` (a position), or undefined when none is left. */
export function nextStepAfter<S extends Pick<StepDefinition, 'position'>>(
  steps: readonly S[],
  currentStep: number,
): S | undefined {
  return steps.find((s) => s.position > currentStep);
}

/** The date the next step after `currentStep` is due, or null when none is left. */
export function nextDateAfter(
  steps: readonly Pick<StepDefinition, 'position' | 'offsetDays'>[],
  dueDate: BusinessDate,
  currentStep: number,
): BusinessDate | null {
  const next = nextStepAfter(steps, currentStep);
  return next ? stepDate(dueDate, next) : null;
}

/**
 * Catch-up: of the steps after `currentStep` that are due on `today`, only the latest fires; the ones a
 * gap in runs skipped are not sent late. Returns that step (undefined: none due) and the next date.
 */
export function dueStep<S extends Pick<StepDefinition, 'position' | 'offsetDays'>>(
  steps: readonly S[],
  dueDate: BusinessDate,
  currentStep: number,
  today: BusinessDate,
): { step: S | undefined; skipped: number[]; nextDate: BusinessDate | null } {
  const due = steps.filter((s) => s.position > currentStep && stepDate(dueDate, s) <= today);
  const step = due.at(-1);
  return {
    step,
    skipped: due.slice(0, -1).map((s) => s.position),
    nextDate: nextDateAfter(steps, dueDate, step ? step.position : currentStep),
  };
}

/** Half-up rounding of a non-negative rational a/b to an integer, exactly (BigInt). */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Decimal text ("12.5") as an integer scaled by 10^6. */
function micro(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

/** A percentage of an open amount (minor units), rounded half-up to the minor unit. */
export function percentFee(openAmount: number, percent: string): number {
  return roundHalfUp(BigInt(openAmount) * micro(percent), 100n * 1_000_000n);
}

/** Simple interest: open × rate% × days / 365, rounded half-up to the minor unit (0 when days ≤ 0). */
export function simpleInterest(openAmount: number, annualRatePercent: string, days: number): number {
  if (days <= 0 || openAmount <= 0) return 0;
  return roundHalfUp(BigInt(openAmount) * micro(annualRatePercent) * BigInt(days), 100n * 365n * 1_000_000n);
}

/** Days of interest to charge now: from the later of the due date and the last day already charged, to `today`. */
export function interestDays(
  dueDate: BusinessDate,
  chargedThrough: BusinessDate | null,
  today: BusinessDate,
): number {
  const from = chargedThrough && chargedThrough > dueDate ? chargedThrough : dueDate;
  return Math.max(0, daysBetween(from, today));
}

/** The strongest of some tones (a grouped reminder speaks in its most urgent step's tone). */
export function strongestTone(tones: readonly Tone[]): Tone {
  return tones.reduce<Tone>((a, b) => (TONE_RANK[b] > TONE_RANK[a] ? b : a), 'friendly');
}
