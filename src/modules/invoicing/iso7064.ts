/**
 * ISO 7064 MOD 97-10, the check-digit system of IBANs (ISO 13616) and RF creditor references
 * (ISO 11649): letters count as two digits (A = 10 … Z = 35); a valid code is ≡ 1 (mod 97).
 */

/** The digits of an alphanumeric string with letters expanded (A → 10 … Z → 35); null on other characters. */
export function expandLetters(text: string): string | null {
  let digits = '';
  for (const char of text) {
    if (char >= '0' && char <= '9') digits += char;
    else if (char >= 'A' && char <= 'Z') digits += String(char.charCodeAt(0) - 55);
    else return null;
  }
  return digits;
}

/** The remainder mod 97 of a (long) digit string, computed piecewise so it never leaves safe integers. */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}

/**
 * The two check digits for `body` when the code is written `prefix + check + body` and verified by
 * moving the first four characters to the end (IBAN: prefix = country, RF: prefix = "RF").
 */
export function mod97CheckDigits(prefix: string, body: string): string {
  const digits = expandLetters(`${body}${prefix}00`);
  if (digits === null) throw new RangeError(`"${prefix}${body}" contains characters other than A–Z and 0–9`);
  return String(98 - mod97(digits)).padStart(2, '0');
}

/** Whether `code` (upper-case, no spaces) passes the check: first four characters moved to the end, mod 97 = 1. */
export function passesMod97(code: string): boolean {
  if (code.length < 5) return false;
  const digits = expandLetters(`${code.slice(4)}${code.slice(0, 4)}`);
  return digits !== null && mod97(digits) === 1;
}
