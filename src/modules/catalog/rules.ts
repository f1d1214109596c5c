/** Pure rules of the catalog: GS1 check digits, HS codes, SKUs, search text, and what each stock movement does. */

// ── Identifiers ──────────────────────────────────────────────────────────────────────────────────

/** The GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-8, -12, -13 or -14: the right length, digits only, and a correct check digit. */
export function gtinProblem(value: string): string | null {
  if (!/^\d+$/.test(value)) return 'must be digits only';
  if (![8, 12, 13, 14].includes(value.length)) return 'must have 8, 12, 13 or 14 digits (GTIN-8/12/13/14)';
  const expected = gs1CheckDigit(value.slice(0, -1));
  if (Number(value.at(-1)) !== expected) return `has a wrong check digit (expected ${expected})`;
  return null;
}

/** GTINs are stored as typed, without spaces or dashes. */
export const normalizeGtin = (value: string): string => value.replace(/[\s-]/g, '');

/** HS codes: the 6-digit Harmonized System heading, optionally extended to 8 or 10 digits; dots and spaces removed. */
export const normalizeHsCode = (value: string): string => value.replace(/[\s.]/g, '');
export const HS_CODE_PATTERN = /^\d{6,10}$/;

/** SKUs and warehouse codes are upper-cased; letters, digits, `.`, `_`, `-` and `/`. */
export const normalizeCode = (value: string): string => value.trim().toUpperCase();
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,63}$/;
export const WAREHOUSE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,29}$/;

// ── Search ───────────────────────────────────────────────────────────────────────────────────────

/** Lower-cased, accent-free text. */
export const foldText = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export const productSearchText = (p: { sku: string; name: string; gtin: string | null }): string =>
  foldText([p.sku, p.name, p.gtin ?? ''].join(' '));

/** A LIKE pattern (escape `\`) for a search query. */
export const likePattern = (query: string): string =>
  `%${foldText(query).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

// ── Stock movements ──────────────────────────────────────────────────────────────────────────────

export const MOVEMENT_KINDS = [
  'receipt',
  'reservation',
  'release',
  'dispatch',
  'return',
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface Level {
  onHand: number;
  reserved: number;
}

export interface Effect {
  /** Signed by its effect: what the ledger shows as the movement's quantity. */
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
}

/**
 * What a movement of `quantity` (positive; an adjustment's is signed) does to on hand and reserved.
 * A dispatch from reserved stock takes the units out of both.
 */
export function effectOf(kind: MovementKind, quantity: number, fromReserved = false): Effect {
  switch (kind) {
    case 'receipt':
    case 'return':
      return { quantity, onHandDelta: quantity, reservedDelta: 0 };
    case 'reservation':
      return { quantity, onHandDelta: 0, reservedDelta: quantity };
    case 'release':
      return { quantity: -quantity, onHandDelta: 0, reservedDelta: -quantity };
    case 'dispatch':
      return { quantity: -quantity, onHandDelta: -quantity, reservedDelta: fromReserved ? -quantity : 0 };
    case 'adjustment':
      return { quantity, onHandDelta: quantity, reservedDelta: 0 };
  }
}

export const availableOf = (level: Level): number => level.onHand - level.reserved;

/**
 * Why a movement may not be applied to a level, or null. Reserved never goes below zero; without an
 * override neither on hand nor available may go below zero when the movement lowers them.
 */
export function movementProblem(level: Level, effect: Effect, override: boolean): string | null {
  const after = {
    onHand: level.onHand + effect.onHandDelta,
    reserved: level.reserved + effect.reservedDelta,
  };
  if (effect.reservedDelta < 0 && after.reserved < 0)
    return `only ${level.reserved} reserved, cannot release or dispatch ${-effect.reservedDelta} from reservations`;
  if (override) return null;
  if (effect.onHandDelta < 0 && after.onHand < 0) return `only ${level.onHand} on hand`;
  if (effect.onHandDelta - effect.reservedDelta < 0 && availableOf(after) < 0)
    return `only ${Math.max(0, availableOf(level))} available (${level.onHand} on hand, ${level.reserved} reserved)`;
  return null;
}

/** How much of a wanted quantity a reservation takes: all, or (when partial is allowed) what is available. */
export function reservationSplit(
  available: number,
  wanted: number,
  allowPartial: boolean,
): { reserved: number; short: number } {
  const free = Math.max(0, available);
  if (free >= wanted) return { reserved: wanted, short: 0 };
  if (!allowPartial) return { reserved: 0, short: wanted };
  return { reserved: free, short: wanted - free };
}

// ── Countries ────────────────────────────────────────────────────────────────────────────────────

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
/** Region codes ICU names that are not ISO 3166-1 countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ']);

/** An ISO 3166-1 alpha-2 country code (upper case). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  try {
    return REGION_NAMES.of(code) !== code;
  } catch {
    return false;
  }
}
