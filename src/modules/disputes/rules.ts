/**
 * Dispute rules, pure: reasons (DESIGN.md §4), the lifecycle as data, resolutions, attachment limits,
 * the deadline warning and the credit-note lines for a disputed amount. No I/O.
 *
 * Lifecycle: `open → investigating → resolved | rejected`, and `open → resolved | rejected` directly
 * (an obvious case needs no investigation). `resolved` and `rejected` are final; only the resolve use
 * case moves a case there (it needs a resolution).
 */
import { conflict } from '../../platform/errors.js';
import { allocateMoney, money } from '../../platform/money.js';

export const DISPUTE_REASONS = [
  'pricing',
  'quantity',
  'damaged',
  'not_received',
  'duplicate_billing',
  'quality',
  'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const REASON_LABELS: Record<DisputeReason, string> = {
  pricing: 'Pricing',
  quantity: 'Quantity',
  damaged: 'Damaged goods',
  not_received: 'Not received',
  duplicate_billing: 'Duplicate billing',
  quality: 'Quality',
  other: 'Other',
};

export const DISPUTE_STATUSES = ['open', 'investigating', 'resolved', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const OPEN_STATUSES: readonly DisputeStatus[] = ['open', 'investigating'];

export const DISPUTE_LIFECYCLE: { readonly [K in DisputeStatus]: readonly DisputeStatus[] } = {
  open: ['investigating', 'resolved', 'rejected'],
  investigating: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export function canMove(from: DisputeStatus, to: DisputeStatus): boolean {
  return DISPUTE_LIFECYCLE[from].includes(to);
}

/** A 409 naming both states when the move is not in the table. */
export function assertDisputeTransition(number: string, from: DisputeStatus, to: DisputeStatus): void {
  if (!canMove(from, to))
    throw conflict(
      `Dispute ${number} is ${from}; it cannot become ${to}${DISPUTE_LIFECYCLE[from].length ? ` (allowed: ${DISPUTE_LIFECYCLE[from].join(', ')})` : ' (it is closed)'}.`,
    );
}

/** How a case ends: the first three resolve it, `rejected` rejects it (follow-up resumes). */
export const RESOLUTIONS = ['credit_note', 'write_off', 'reship', 'rejected'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const statusOfResolution = (r: Resolution): DisputeStatus =>
  r === 'rejected' ? 'rejected' : 'resolved';

/** Attachments: at most this many bytes each, of these types (the content must look like its type). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_DISPUTE = 20;
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'message/rfc822',
] as const;

const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => ascii(b, 0, 5) === '%PDF-',
  'image/png': (b) => b[0] === 0x89 && ascii(b, 1, 3) === 'PNG',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ascii(b, 0, 4) === 'GIF8',
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP',
};

function ascii(b: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...b.subarray(start, start + length));
}

/** The base media type of a Content-Type header, lower case ("text/plain; charset=utf-8" → "text/plain"). */
export const baseType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/** What is wrong with an attachment, or null when it is acceptable. */
export function attachmentProblem(contentType: string, content: Uint8Array): string | null {
  const type = baseType(contentType);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type))
    return `type ${type || '(none)'} is not accepted (allowed: ${ATTACHMENT_TYPES.join(', ')})`;
  if (content.length === 0) return 'the file is empty';
  if (content.length > MAX_ATTACHMENT_BYTES)
    return `the file is ${content.length} bytes; the limit is ${MAX_ATTACHMENT_BYTES} bytes (5 MiB)`;
  const looksLike = MAGIC[type];
  if (looksLike && !looksLike(content)) return `the content is not a ${type} file`;
  if (type.startsWith('text/') || type === 'message/rfc822') {
    if (content.includes(0)) return `the content is not text (${type})`;
  }
  return null;
}

/** A file name safe for a header and a disk: no path, no quotes or control characters, at most 200 chars. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}

/** Days before the deadline at which the owner gets a worklist task. */
export const DEADLINE_WARNING_DAYS = 2;

export interface TaxShare {
  category: string;
  /** Percent as a decimal string, e.g. "20" or "5.5". */
  rate: string;
  /** Taxable + tax of this rate on the invoice: the weight of its share. */
  gross: number;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

export interface CreditLinePlan {
  category: string;
  rate: string;
  /** Net amount of the credit line, minor units. */
  net: number;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

/** Tax of a net amount at a percent rate, rounded half away from zero to minor units. */
export const taxOf = (net: number, rate: string) => Math.round((net * Number(rate)) / 100);

/**
 * Splits a gross disputed amount over the invoice's tax rates in proportion to their gross, and finds
 * for each the net amount whose net + tax is its share (or the closest below it when rounding makes the
 * exact share unreachable), so the credit note's gross total is the disputed amount or a minor unit less.
 */
export function creditLinesFor(
  amount: number,
  currency: string,
  shares: readonly TaxShare[],
): CreditLinePlan[] {
  const weighted = shares.filter((s) => s.gross > 0);
  if (weighted.length === 0) return [];
  const parts = allocateMoney(
    money(amount, currency),
    weighted.map((s) => s.gross),
  );
  const plans: CreditLinePlan[] = [];
  weighted.forEach((s, i) => {
    const part = parts[i]!.amount;
    if (part <= 0) return;
    let net = Math.round((part * 100) / (100 + Number(s.rate)));
    while (net > 0 && net + taxOf(net, s.rate) > part) net--;
    while (net + 1 + taxOf(net + 1, s.rate) <= part) net++;
    if (net > 0)
      plans.push({
        category: s.category,
        rate: s.rate,
        net,
        exemptionReason: s.exemptionReason,
        exemptionReasonCode: s.exemptionReasonCode,
      });
  });
  return plans;
}
