/**
 * EN 16931 document totals for invoices and credit notes — a pure calculation, no I/O.
 *
 * - Line net amount (BT-131) = quantity × unit price × (1 − discount % / 100), rounded once per line
 *   to the currency's exponent, half away from zero. The line's gross (quantity × price, rounded) and
 *   its discount (gross − net) are returned too, so gross − discount = net holds exactly when the line
 *   is exported with an allowance (UBL/CII).
 * - Document-level allowances (BG-20) and charges (BG-21): a fixed amount, or a percentage of a base
 *   amount (by default the line net total of the same VAT category and rate), rounded to the currency.
 * - VAT breakdown (BG-23), one group per (category, rate): taxable amount (BT-116) = Σ line nets
 *   − Σ allowances + Σ charges of the group; tax (BT-117) = taxable × rate / 100, rounded ONCE on the
 *   group total (BR-CO-17), never per line.
 * - BT-106 Σ line nets; BT-107 Σ allowances; BT-108 Σ charges; BT-109 = BT-106 − BT-107 + BT-108;
 *   BT-110 = Σ BT-117 (BR-CO-14); BT-112 = BT-109 + BT-110 (BR-CO-15); BT-115 amount due = BT-112
 *   (no prepaid amount or rounding amount here).
 *
 * Credit notes are computed exactly like invoices, with positive amounts; the ledger applies the sign.
 */
import { type FieldError, validationError } from '../../platform/errors.js';
import { currencyExponent, isCurrency, type Money, money } from '../../platform/money.js';
import {
  compareDecimal,
  type Decimal,
  decimalFromMinor,
  decimalProblem,
  decimalToString,
  multiplyDecimal,
  normalize,
  type ParseDecimalOptions,
  parseDecimal,
  percentOf,
  signOf,
  subtractDecimal,
  toMinorUnits,
  ZERO,
} from './decimal.js';

/** UNCL5305 VAT category codes used by EN 16931. */
export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export const TAX_CATEGORY_NAMES: Record<TaxCategory, string> = {
  S: 'Standard rate',
  Z: 'Zero rated goods',
  E: 'Exempt from tax',
  AE: 'VAT reverse charge',
  K: 'Intra-community supply (VAT exempt for EEA)',
  G: 'Free export item, tax not charged',
  O: 'Services outside scope of tax',
  L: 'Canary Islands general indirect tax (IGIC)',
  M: 'Tax for production, services and importation in Ceuta and Melilla (IPSI)',
};

interface CategoryRule {
  /** 'positive': rate > 0 (S); 'zero': rate must be 0 and may be omitted; 'non_negative': rate ≥ 0 (L, M). */
  rate: 'positive' | 'zero' | 'non_negative';
  /** Whether an exemption reason text (BT-120) or code (BT-121) is required (true) or forbidden (false). */
  exemptionReason: boolean;
}

/** BR-S-05/10, BR-Z-05/10, BR-E-05/10, BR-AE-05/10, BR-IC-05/10, BR-G-05/10, BR-O-05/10, BR-AF-05/10, BR-AG-05/10. */
export const TAX_CATEGORY_RULES: Record<TaxCategory, CategoryRule> = {
  S: { rate: 'positive', exemptionReason: false },
  Z: { rate: 'zero', exemptionReason: false },
  E: { rate: 'zero', exemptionReason: true },
  AE: { rate: 'zero', exemptionReason: true },
  K: { rate: 'zero', exemptionReason: true },
  G: { rate: 'zero', exemptionReason: true },
  O: { rate: 'zero', exemptionReason: true },
  L: { rate: 'non_negative', exemptionReason: false },
  M: { rate: 'non_negative', exemptionReason: false },
};

export type DocumentKind = 'invoice' | 'credit_note';

/** Decimal inputs are strings ("2.5", "0.0125") so that no float ever touches an amount. */
export interface LineInput {
  /** May be negative (e.g. a returned item on an invoice); not zero. At most 6 decimals. */
  quantity: string;
  /** Item net price (BT-146), ≥ 0 (BR-27); more decimals than the currency allowed (up to 8). */
  unitPrice: string;
  /** Line discount in percent, 0–100 (default 0). */
  discountPercent?: string | undefined;
  taxCategory: TaxCategory;
  /** Percent, e.g. "19" or "7.7". Required for S, L, M; optional (and must be 0) for the others. */
  taxRate?: string | undefined;
  exemptionReason?: string | undefined;
  /** VATEX code, e.g. "VATEX-EU-IC". */
  exemptionReasonCode?: string | undefined;
}

export interface AllowanceChargeInput {
  kind: 'allowance' | 'charge';
  /** A fixed amount in currency units ("15.00"); or give `percent` instead. */
  amount?: string | undefined;
  /** Percentage of `baseAmount`, or of the line net total of the same category and rate when absent. */
  percent?: string | undefined;
  baseAmount?: string | undefined;
  taxCategory: TaxCategory;
  taxRate?: string | undefined;
  exemptionReason?: string | undefined;
  exemptionReasonCode?: string | undefined;
  /** BT-97/BT-104 text or BT-98/BT-105 code; one of them is required (BR-33, BR-38). */
  reason?: string | undefined;
  reasonCode?: string | undefined;
}

export interface DocumentInput {
  kind: DocumentKind;
  currency: string;
  lines: readonly LineInput[];
  allowancesCharges?: readonly AllowanceChargeInput[] | undefined;
}

export interface LineTotals {
  index: number;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  /** quantity × unit price, rounded to the currency. */
  grossAmount: Money;
  /** grossAmount − netAmount. */
  discountAmount: Money;
  /** BT-131. */
  netAmount: Money;
  taxCategory: TaxCategory;
  taxRate: string;
}

export interface AllowanceChargeTotals {
  index: number;
  kind: 'allowance' | 'charge';
  amount: Money;
  baseAmount: Money | null;
  percent: string | null;
  taxCategory: TaxCategory;
  taxRate: string;
  reason: string | null;
  reasonCode: string | null;
}

/** One BG-23 group. */
export interface TaxBreakdown {
  category: TaxCategory;
  /** BT-119, normalized ("19", "7.7", "0"). */
  rate: string;
  /** BT-116. */
  taxableAmount: Money;
  /** BT-117. */
  taxAmount: Money;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

export interface DocumentTotals {
  kind: DocumentKind;
  currency: string;
  lines: LineTotals[];
  allowancesCharges: AllowanceChargeTotals[];
  /** Ordered by category (S, Z, E, AE, K, G, O, L, M), then rate: independent of line order. */
  taxBreakdown: TaxBreakdown[];
  /** BT-106. */
  lineNetTotal: Money;
  /** BT-107. */
  allowanceTotal: Money;
  /** BT-108. */
  chargeTotal: Money;
  /** BT-109. */
  taxExclusiveTotal: Money;
  /** BT-110. */
  taxTotal: Money;
  /** BT-112. */
  taxInclusiveTotal: Money;
  /** BT-115. */
  amountDue: Money;
}

export const LIMITS = {
  quantity: { maxScale: 6, maxIntegerDigits: 12, allowNegative: true },
  unitPrice: { maxScale: 8, maxIntegerDigits: 12 },
  percent: { maxScale: 4, maxIntegerDigits: 3 },
  maxLines: 10_000,
  maxTextLength: 1000,
} as const satisfies Record<string, ParseDecimalOptions | number>;

const HUNDRED: Decimal = { units: 100n, scale: 0 };

export type TotalsResult = { ok: true; totals: DocumentTotals } | { ok: false; errors: FieldError[] };

interface TaxKey {
  category: TaxCategory;
  rate: Decimal;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

interface GroupAccumulator {
  category: TaxCategory;
  rate: Decimal;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
  /** Where the exemption reason was first seen, for messages about a conflicting one. */
  firstPath: string;
  lineNet: bigint;
  allowances: bigint;
  charges: bigint;
}

function keyOf(category: TaxCategory, rate: Decimal): string {
  return `${category}|${decimalToString(rate)}`;
}

function isTaxCategory(value: unknown): value is TaxCategory {
  return typeof value === 'string' && (TAX_CATEGORIES as readonly string[]).includes(value);
}

function optionalText(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Computes the totals, or every problem found, each naming its field (`lines.2.unitPrice`). */
export function tryComputeTotals(input: DocumentInput): TotalsResult {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => {
    errors.push({ path, message });
  };

  if (input.kind !== 'invoice' && input.kind !== 'credit_note') {
    fail('kind', 'must be "invoice" or "credit_note"');
  }
  if (!isCurrency(input.currency)) {
    fail('currency', 'must be an ISO 4217 currency code, e.g. EUR');
    return { ok: false, errors };
  }
  const exponent = currencyExponent(input.currency);
  const lines = input.lines ?? [];
  if (lines.length === 0) fail('lines', 'must contain at least one line');
  if (lines.length > LIMITS.maxLines) fail('lines', `must contain at most ${LIMITS.maxLines} lines`);

  const parse = (path: string, text: unknown, options: ParseDecimalOptions): Decimal | null => {
    if (typeof text !== 'string') {
      fail(path, 'is required, as a decimal string like "12.5"');
      return null;
    }
    const problem = decimalProblem(text, options);
    if (problem) {
      fail(path, problem);
      return null;
    }
    return parseDecimal(text, options);
  };

  const parsePercent = (path: string, text: string): Decimal | null => {
    const value = parse(path, text, LIMITS.percent);
    if (value && compareDecimal(value, HUNDRED) > 0) {
      fail(path, 'must be at most 100');
      return null;
    }
    return value;
  };

  /** Checks category, rate and exemption reason against the category's rules. */
  const taxOf = (
    path: string,
    item: Pick<LineInput, 'taxCategory' | 'taxRate' | 'exemptionReason' | 'exemptionReasonCode'>,
  ): TaxKey | null => {
    if (!isTaxCategory(item.taxCategory)) {
      fail(`${path}.taxCategory`, `must be one of ${TAX_CATEGORIES.join(', ')}`);
      return null;
    }
    const category = item.taxCategory;
    const rule = TAX_CATEGORY_RULES[category];
    let rate: Decimal | null = ZERO;
    if (item.taxRate === undefined || item.taxRate === null || item.taxRate === '') {
      if (rule.rate !== 'zero') {
        fail(`${path}.taxRate`, `is required for tax category ${category}`);
        rate = null;
      }
    } else {
      rate = parsePercent(`${path}.taxRate`, item.taxRate);
      if (rate && rule.rate === 'positive' && signOf(rate) <= 0) {
        fail(`${path}.taxRate`, `must be greater than 0 for tax category ${category}`);
        rate = null;
      } else if (rate && rule.rate === 'zero' && signOf(rate) !== 0) {
        fail(`${path}.taxRate`, `must be 0 for tax category ${category} (${TAX_CATEGORY_NAMES[category]})`);
        rate = null;
      }
    }
    const exemptionReason = optionalText(item.exemptionReason);
    const exemptionReasonCode = optionalText(item.exemptionReasonCode);
    let ok = rate !== null;
    for (const [field, text] of [
      ['exemptionReason', exemptionReason],
      ['exemptionReasonCode', exemptionReasonCode],
    ] as const) {
      if (text && text.length > LIMITS.maxTextLength) {
        fail(`${path}.${field}`, `must be at most ${LIMITS.maxTextLength} characters`);
        ok = false;
      }
    }
    if (rule.exemptionReason && !exemptionReason && !exemptionReasonCode) {
      fail(
        `${path}.exemptionReason`,
        `is required for tax category ${category} (${TAX_CATEGORY_NAMES[category]}): give a reason text or a VATEX code`,
      );
      ok = false;
    } else if (!rule.exemptionReason && (exemptionReason || exemptionReasonCode)) {
      fail(
        `${path}.${exemptionReason ? 'exemptionReason' : 'exemptionReasonCode'}`,
        `must be empty for tax category ${category}: only exempt categories carry an exemption reason`,
      );
      ok = false;
    }
    return ok && rate ? { category, rate: normalize(rate), exemptionReason, exemptionReasonCode } : null;
  };

  const groups = new Map<string, GroupAccumulator>();
  const groupFor = (path: string, tax: TaxKey): GroupAccumulator | null => {
    const key = keyOf(tax.category, tax.rate);
    const existing = groups.get(key);
    if (!existing) {
      const created: GroupAccumulator = {
        ...tax,
        firstPath: path,
        lineNet: 0n,
        allowances: 0n,
        charges: 0n,
      };
      groups.set(key, created);
      return created;
    }
    // One BG-23 group per category and rate carries one exemption reason: all its items must agree.
    if (
      existing.exemptionReason !== tax.exemptionReason ||
      existing.exemptionReasonCode !== tax.exemptionReasonCode
    ) {
      fail(
        `${path}.${existing.exemptionReason !== tax.exemptionReason ? 'exemptionReason' : 'exemptionReasonCode'}`,
        `must be the same as in ${existing.firstPath}: one exemption reason per tax category and rate`,
      );
      return null;
    }
    return existing;
  };

  const lineDrafts: {
    index: number;
    quantity: Decimal;
    unitPrice: Decimal;
    discount: Decimal;
    tax: TaxKey;
    grossMinor: bigint;
    netMinor: bigint;
  }[] = [];
  lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const quantity = parse(`${path}.quantity`, line.quantity, LIMITS.quantity);
    if (quantity && signOf(quantity) === 0) fail(`${path}.quantity`, 'must not be zero');
    const unitPrice = parse(`${path}.unitPrice`, line.unitPrice, LIMITS.unitPrice);
    const discount =
      line.discountPercent === undefined || line.discountPercent === ''
        ? ZERO
        : parsePercent(`${path}.discountPercent`, line.discountPercent);
    const tax = taxOf(path, line);
    if (!quantity || signOf(quantity) === 0 || !unitPrice || !discount || !tax) return;
    const group = groupFor(path, tax);
    if (!group) return;

    const gross = multiplyDecimal(quantity, unitPrice);
    const grossMinor = toMinorUnits(gross, exponent);
    // q × p × (100 − d) / 100, rounded once per line.
    const netMinor = toMinorUnits(percentOf(gross, subtractDecimal(HUNDRED, discount)), exponent);
    group.lineNet += netMinor;
    lineDrafts.push({ index, quantity, unitPrice, discount, tax, grossMinor, netMinor });
  });

  const adjustments = input.allowancesCharges ?? [];
  const pendingAdjustments: {
    index: number;
    input: AllowanceChargeInput;
    tax: TaxKey;
    group: GroupAccumulator;
    amount: Decimal | null;
    percent: Decimal | null;
    base: Decimal | null;
  }[] = [];
  adjustments.forEach((item, index) => {
    const path = `allowancesCharges.${index}`;
    if (item.kind !== 'allowance' && item.kind !== 'charge') {
      fail(`${path}.kind`, 'must be "allowance" or "charge"');
    }
    const hasAmount = item.amount !== undefined && item.amount !== '';
    const hasPercent = item.percent !== undefined && item.percent !== '';
    if (hasAmount === hasPercent) {
      fail(`${path}.amount`, 'give either an amount or a percent, not both and not neither');
    }
    const amount = hasAmount
      ? parse(`${path}.amount`, item.amount, { maxScale: exponent, maxIntegerDigits: 13 })
      : null;
    const percent = hasPercent ? parsePercent(`${path}.percent`, item.percent!) : null;
    const base =
      item.baseAmount !== undefined && item.baseAmount !== ''
        ? parse(`${path}.baseAmount`, item.baseAmount, { maxScale: exponent, maxIntegerDigits: 13 })
        : null;
    if (base && !hasPercent) fail(`${path}.baseAmount`, 'is only used together with a percent');
    const reason = optionalText(item.reason);
    const reasonCode = optionalText(item.reasonCode);
    if (!reason && !reasonCode) {
      fail(`${path}.reason`, `is required: say why the ${item.kind} applies (a text or a reason code)`);
    }
    if (reason && reason.length > LIMITS.maxTextLength) {
      fail(`${path}.reason`, `must be at most ${LIMITS.maxTextLength} characters`);
    }
    const tax = taxOf(path, item);
    if (!tax) return;
    const group = groupFor(path, tax);
    if (!group || (hasAmount && !amount) || (hasPercent && !percent)) return;
    pendingAdjustments.push({ index, input: item, tax, group, amount, percent, base });
  });

  // BR-O-11..14: a document with a "not subject to VAT" group has no other group.
  const categories = new Set([...groups.values()].map((g) => g.category));
  if (categories.has('O') && categories.size > 1) {
    fail(
      'lines',
      'a document with tax category O (outside the scope of VAT) must not contain other tax categories',
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  // Document-level allowances and charges, now that every group's line net total is known.
  const adjustmentDrafts = pendingAdjustments.map((pending) => {
    const base = pending.percent ? (pending.base ?? decimalFromMinor(pending.group.lineNet, exponent)) : null;
    const amountMinor = pending.amount
      ? toMinorUnits(pending.amount, exponent)
      : toMinorUnits(percentOf(base!, pending.percent!), exponent);
    if (pending.input.kind === 'allowance') pending.group.allowances += amountMinor;
    else pending.group.charges += amountMinor;
    return { ...pending, amountMinor, baseMinor: base ? toMinorUnits(base, exponent) : null };
  });

  const rank = (c: TaxCategory) => TAX_CATEGORIES.indexOf(c);
  const ordered = [...groups.values()].sort(
    (a, b) => rank(a.category) - rank(b.category) || compareDecimal(a.rate, b.rate),
  );
  let lineNetTotal = 0n;
  let allowanceTotal = 0n;
  let chargeTotal = 0n;
  let taxTotal = 0n;
  const breakdownMinor = ordered.map((group) => {
    const taxable = group.lineNet - group.allowances + group.charges;
    const tax = toMinorUnits(percentOf(decimalFromMinor(taxable, exponent), group.rate), exponent);
    lineNetTotal += group.lineNet;
    allowanceTotal += group.allowances;
    chargeTotal += group.charges;
    taxTotal += tax;
    return { group, taxable, tax };
  });
  const taxExclusive = lineNetTotal - allowanceTotal + chargeTotal;
  const taxInclusive = taxExclusive + taxTotal;

  if (taxExclusive < 0n) {
    return {
      ok: false,
      errors: [
        {
          path: 'lines',
          message:
            input.kind === 'credit_note'
              ? 'the credit note total must not be negative: credit notes carry positive amounts'
              : 'the invoice total must not be negative: issue a credit note instead',
        },
      ],
    };
  }

  // Every amount must fit a safe integer of minor units (the platform Money type).
  const tooLarge: FieldError[] = [];
  const toMoney = (minor: bigint, path: string): Money => {
    if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
      tooLarge.push({ path, message: 'the amount is too large' });
      return { amount: 0, currency: input.currency };
    }
    return money(Number(minor), input.currency);
  };
  const finalLines: LineTotals[] = lineDrafts.map((line) => {
    const path = `lines.${line.index}`;
    return {
      index: line.index,
      quantity: decimalToString(line.quantity),
      unitPrice: decimalToString(line.unitPrice),
      discountPercent: decimalToString(line.discount),
      grossAmount: toMoney(line.grossMinor, path),
      discountAmount: toMoney(line.grossMinor - line.netMinor, path),
      netAmount: toMoney(line.netMinor, path),
      taxCategory: line.tax.category,
      taxRate: decimalToString(line.tax.rate),
    };
  });
  const finalAdjustments: AllowanceChargeTotals[] = adjustmentDrafts.map((item) => {
    const path = `allowancesCharges.${item.index}`;
    return {
      index: item.index,
      kind: item.input.kind,
      amount: toMoney(item.amountMinor, path),
      baseAmount: item.baseMinor === null ? null : toMoney(item.baseMinor, path),
      percent: item.percent ? decimalToString(item.percent) : null,
      taxCategory: item.tax.category,
      taxRate: decimalToString(item.tax.rate),
      reason: optionalText(item.input.reason),
      reasonCode: optionalText(item.input.reasonCode),
    };
  });
  const totals: DocumentTotals = {
    kind: input.kind,
    currency: input.currency,
    lines: finalLines,
    allowancesCharges: finalAdjustments,
    taxBreakdown: breakdownMinor.map(({ group, taxable, tax }) => ({
      category: group.category,
      rate: decimalToString(group.rate),
      taxableAmount: toMoney(taxable, 'lines'),
      taxAmount: toMoney(tax, 'lines'),
      exemptionReason: group.exemptionReason,
      exemptionReasonCode: group.exemptionReasonCode,
    })),
    lineNetTotal: toMoney(lineNetTotal, 'lines'),
    allowanceTotal: toMoney(allowanceTotal, 'allowancesCharges'),
    chargeTotal: toMoney(chargeTotal, 'allowancesCharges'),
    taxExclusiveTotal: toMoney(taxExclusive, 'lines'),
    taxTotal: toMoney(taxTotal, 'lines'),
    taxInclusiveTotal: toMoney(taxInclusive, 'lines'),
    amountDue: toMoney(taxInclusive, 'lines'),
  };
  if (tooLarge.length > 0) {
    const seen = new Set<string>();
    return { ok: false, errors: tooLarge.filter((e) => !seen.has(e.path) && seen.add(e.path)) };
  }
  return { ok: true, totals };
}

/** Computes the totals or throws a 400 validation error listing every problem by field. */
export function computeTotals(input: DocumentInput): DocumentTotals {
  const result = tryComputeTotals(input);
  if (!result.ok) {
    const first = result.errors[0]!;
    throw validationError(
      result.errors.length === 1
        ? `The document is not valid: ${first.path} ${first.message}.`
        : `The document has ${result.errors.length} problems, the first: ${first.path} ${first.message}.`,
      result.errors,
    );
  }
  return result.totals;
}
