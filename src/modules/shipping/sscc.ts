/**
 * GS1 Serial Shipping Container Codes (SSCC-18, application identifier 00): one extension digit,
 * a GS1 company prefix (7–10 digits), a serial reference filling the rest to 17 digits, and the GS1
 * mod-10 check digit — 18 digits in all. Printed as `(00) 0 0614141 123456789 0` and encoded in a
 * GS1-128 barcode (`(00)006141411234567890` in bwip-js's AI notation).
 */

export const SSCC_LENGTH = 18;

/**
 * The GS1 mod-10 check digit of a digit string (any GS1 key without its check digit): from the
 * right, digits are weighted 3, 1, 3, 1, …; the check digit brings the sum up to a multiple of 10.
 */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`"${digits}" must contain only digits`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export interface SsccParts {
  /** 0–9, chosen by the company to extend its serial capacity. */
  extensionDigit: number;
  /** The GS1 company prefix, 7–10 digits, as allocated (leading zeros kept). */
  companyPrefix: string;
  /** A serial reference number; left-padded with zeros to fill 16 − prefix length digits. */
  serialReference: string | number | bigint;
}

/** Build the 18-digit SSCC from its parts, with its check digit. */
export function buildSscc(parts: SsccParts): string {
  const { extensionDigit, companyPrefix } = parts;
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9)
    throw new RangeError(`extension digit must be 0–9, got ${extensionDigit}`);
  if (!/^\d{7,10}$/.test(companyPrefix))
    throw new RangeError(`GS1 company prefix must be 7–10 digits, got "${companyPrefix}"`);
  const serialLength = 16 - companyPrefix.length;
  const serial = String(parts.serialReference);
  if (!/^\d+$/.test(serial)) throw new RangeError(`serial reference must be digits, got "${serial}"`);
  if (serial.length > serialLength)
    throw new RangeError(
      `serial reference ${serial} does not fit the ${serialLength} digits left by a ${companyPrefix.length}-digit company prefix`,
    );
  const body = `${extensionDigit}${companyPrefix}${serial.padStart(serialLength, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** Digits only: spaces, parentheses and a leading `(00)` / `00` AI as typed or scanned are removed. */
export function compactSscc(text: string): string {
  let t = text.replace(/[\s]/g, '');
  if (t.startsWith('(00)')) t = t.slice(4);
  else if (t.length === 20 && t.startsWith('00')) t = t.slice(2);
  return t;
}

/** Why a text is not a valid SSCC, or null when it is. Accepts the printed and AI-prefixed forms. */
export function ssccProblem(text: string): string | null {
  const sscc = compactSscc(text);
  if (!/^\d+$/.test(sscc)) return 'must contain only digits';
  if (sscc.length !== SSCC_LENGTH) return `must have ${SSCC_LENGTH} digits, has ${sscc.length}`;
  if (gs1CheckDigit(sscc.slice(0, 17)) !== Number(sscc[17])) return 'has a wrong check digit';
  return null;
}

export function isValidSscc(text: string): boolean {
  return ssccProblem(text) === null;
}

function requireSscc(text: string): string {
  const problem = ssccProblem(text);
  if (problem) throw new RangeError(`"${text}" is not a valid SSCC: ${problem}`);
  return compactSscc(text);
}

/**
 * Human-readable form, grouped by its parts: `(00) 0 0614141 123456789 0`. The company prefix length
 * is not encoded in the SSCC, so it is asked for (default 7, the most common length).
 */
export function formatSscc(text: string, companyPrefixLength = 7): string {
  const s = requireSscc(text);
  if (companyPrefixLength < 7 || companyPrefixLength > 10)
    throw new RangeError('company prefix length must be 7–10');
  const prefixEnd = 1 + companyPrefixLength;
  return `(00) ${s[0]} ${s.slice(1, prefixEnd)} ${s.slice(prefixEnd, 17)} ${s[17]}`;
}

/** The GS1-128 human-readable interpretation line without grouping: `(00) 006141411234567890`. */
export function ssccHumanReadable(text: string): string {
  return `(00) ${requireSscc(text)}`;
}

/** AI-bracketed data for bwip-js `bcid: 'gs1-128'`: `(00)006141411234567890`. */
export function ssccBarcodeText(text: string): string {
  return `(00)${requireSscc(text)}`;
}

/** The raw element string as a scanner returns it (AI 00 is fixed length, no FNC1 separator needed). */
export function ssccElementString(text: string): string {
  return `00${requireSscc(text)}`;
}
