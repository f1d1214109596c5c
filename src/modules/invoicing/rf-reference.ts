/**
 * ISO 11649 structured creditor references: `RF`, two check digits (ISO 7064 MOD 97-10) and 1–21
 * letters or digits, printed in groups of four (`RF18 5390 0754 7034`). The reference of an invoice is
 * built from its number, so each invoice has its own and bank-statement matching can find it again.
 */
import { expandLetters, mod97CheckDigits, passesMod97 } from './iso7064.js';

export const RF_MAX_BODY_LENGTH = 21;

/** Upper case, spaces removed: the electronic format of a reference as someone typed it. */
export function compactRfReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * The RF reference for an invoice-unique input such as `INV-2026-000123` → `RF47INV2026000123`.
 * Characters other than letters and digits are dropped; the rest (1–21 characters) is the body.
 */
export function createRfReference(input: string): string {
  const body = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (body.length === 0)
    throw new RangeError(`"${input}" has no letters or digits to build an RF reference from`);
  if (body.length > RF_MAX_BODY_LENGTH) {
    throw new RangeError(
      `"${input}" gives ${body.length} letters and digits; an RF reference holds at most ${RF_MAX_BODY_LENGTH}`,
    );
  }
  return `RF${mod97CheckDigits('RF', body)}${body}`;
}

/** Why a reference is not a valid RF reference, or null when it is. Spaces and lower case are accepted. */
export function rfReferenceProblem(text: string): string | null {
  const compact = compactRfReference(text);
  if (!compact.startsWith('RF')) return 'must start with RF';
  if (!/^RF\d{2}/.test(compact)) return 'must have two check digits after RF';
  const body = compact.slice(4);
  if (body.length === 0) return 'must have a reference after the check digits';
  if (body.length > RF_MAX_BODY_LENGTH)
    return `must have at most ${RF_MAX_BODY_LENGTH} characters after the check digits`;
  if (expandLetters(body) === null) return 'may contain only letters A–Z and digits';
  if (!passesMod97(compact)) return 'has wrong check digits';
  return null;
}

export function isValidRfReference(text: string): boolean {
  return rfReferenceProblem(text) === null;
}

/** The electronic format (`RF18539007547034`) of a valid reference, or null. */
export function parseRfReference(text: string): string | null {
  return isValidRfReference(text) ? compactRfReference(text) : null;
}

/** The paper format: groups of four, the last one shorter (`RF18 5390 0754 7034`). */
export function formatRfReference(text: string): string {
  const compact = compactRfReference(text);
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The RF references in a free text (a bank statement's remittance information), in electronic format,
 * without duplicates. A reference is a word starting with RF and two digits, either whole
 * (`RF18539007547034`) or printed in groups of four (`RF18 5390 0754 7034`); of the groupings that
 * start at the same word, the longest valid one counts. Candidates for matching, to be confirmed
 * against the references actually issued.
 */
export function findRfReferences(text: string): string[] {
  const found = new Set<string>();
  const words = text.toUpperCase().split(/[^A-Z0-9]+/);
  words.forEach((word, i) => {
    if (!/^RF\d\d/.test(word)) return;
    let candidate = word;
    let best = isValidRfReference(candidate) ? candidate : null;
    for (let j = i + 1; j < words.length; j++) {
      const group = words[j]!;
      if (group.length === 0 || group.length > 4 || candidate.length + group.length > 4 + RF_MAX_BODY_LENGTH)
        break;
      candidate += group;
      if (isValidRfReference(candidate)) best = candidate;
    }
    if (best) found.add(best);
  });
  return [...found];
}
