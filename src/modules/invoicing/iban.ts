/**
 * IBAN validation (ISO 13616): country code, two check digits (ISO 7064 MOD 97-10), a BBAN of the
 * country's registered length. Also the shape of a BIC (ISO 9362).
 */
import { passesMod97 } from './iso7064.js';

/** IBAN length per country, from the SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** Upper case, spaces removed: the electronic format of an IBAN as someone typed it. */
export function compactIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** Why `text` is not a valid IBAN, or null when it is. Spaces and lower case are accepted. */
export function ibanProblem(text: string): string | null {
  const iban = compactIban(text);
  if (!/^[A-Z]{2}/.test(iban)) return 'must start with a two-letter country code';
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return `has an unknown country code ${country}`;
  if (!/^[A-Z]{2}\d{2}/.test(iban)) return 'must have two check digits after the country code';
  if (!/^[A-Z0-9]+$/.test(iban)) return 'may contain only letters and digits';
  if (iban.length !== length) return `must have ${length} characters for ${country}, it has ${iban.length}`;
  if (!passesMod97(iban)) return 'has wrong check digits (a typing mistake?)';
  return null;
}

export function isValidIban(text: string): boolean {
  return ibanProblem(text) === null;
}

/** The electronic format of a valid IBAN; throws a RangeError naming the problem otherwise. */
export function parseIban(text: string): string {
  const problem = ibanProblem(text);
  if (problem) throw new RangeError(`IBAN "${text}" ${problem}`);
  return compactIban(text);
}

/** The paper format: groups of four (`DE89 3704 0044 0532 0130 00`). */
export function formatIban(text: string): string {
  return compactIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}

/** A BIC: 4 letters (bank), 2 letters (country), 2 letters/digits (location), optionally 3 (branch). */
export function isValidBic(text: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(text.trim().toUpperCase());
}
