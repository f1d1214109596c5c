/**
 * The EPC069-12 "GiroCode" payload: what a banking app reads from the QR code on an invoice to fill
 * in a SEPA credit transfer. Version 002, character set 1 (UTF-8), identification SCT; lines joined
 * with LF, trailing empty lines omitted; at most 331 bytes. The PDF renders the returned string as a
 * QR code (error correction level M, per the guideline).
 */
import { type FieldError, validationError } from '../../platform/errors.js';
import { type Money, toDecimalString } from '../../platform/money.js';
import { compactIban, ibanProblem, isValidBic } from './iban.js';
import { compactRfReference, rfReferenceProblem } from './rf-reference.js';

export interface EpcQrInput {
  /** The beneficiary's BIC; optional in version 002 within the EEA. */
  bic?: string | undefined;
  /** The beneficiary's name, at most 70 characters. */
  name: string;
  iban: string;
  /** In EUR, 0.01 to 999999999.99; absent lets the payer type the amount. */
  amount?: Money | undefined;
  /** ISO 20022 purpose code, 4 letters (e.g. GDDS); optional. */
  purpose?: string | undefined;
  /** Structured remittance: an ISO 11649 RF creditor reference. Exclusive with `text`. */
  reference?: string | undefined;
  /** Unstructured remittance, at most 140 characters. Exclusive with `reference`. */
  text?: string | undefined;
  /** Beneficiary-to-originator information, at most 70 characters. */
  information?: string | undefined;
}

export const EPC_QR_MAX_BYTES = 331;
const MIN_AMOUNT = 1; // 0.01 EUR
const MAX_AMOUNT = 99_999_999_999; // 999999999.99 EUR

function hasLineBreak(text: string): boolean {
  return /[\r\n]/.test(text);
}

/** Every problem with the input, each naming its field. */
export function epcQrProblems(input: EpcQrInput): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const text = (path: string, value: string | undefined, max: number, required = false) => {
    const trimmed = value?.trim() ?? '';
    if (required && trimmed === '') fail(path, 'is required');
    else if ([...trimmed].length > max) fail(path, `must be at most ${max} characters`);
    else if (hasLineBreak(trimmed)) fail(path, 'must be on one line');
  };

  if (input.bic !== undefined && input.bic.trim() !== '' && !isValidBic(input.bic)) {
    fail('bic', 'must be a BIC of 8 or 11 letters and digits, e.g. COBADEFFXXX');
  }
  text('name', input.name, 70, true);
  const iban = ibanProblem(input.iban ?? '');
  if (iban) fail('iban', iban);
  if (input.amount !== undefined) {
    if (input.amount.currency !== 'EUR') {
      fail(
        'amount',
        `must be in EUR: an EPC QR code carries only euro transfers, not ${input.amount.currency}`,
      );
    } else if (!Number.isSafeInteger(input.amount.amount) || input.amount.amount < MIN_AMOUNT) {
      fail('amount', 'must be at least 0.01 EUR');
    } else if (input.amount.amount > MAX_AMOUNT) {
      fail('amount', 'must be at most 999999999.99 EUR');
    }
  }
  if (input.purpose !== undefined && input.purpose !== '' && !/^[A-Z]{4}$/.test(input.purpose)) {
    fail('purpose', 'must be a 4-letter ISO 20022 purpose code, e.g. GDDS');
  }
  const hasReference = input.reference !== undefined && input.reference.trim() !== '';
  const hasText = input.text !== undefined && input.text.trim() !== '';
  if (hasReference && hasText) {
    fail('text', 'must be empty when a structured reference is given: the code carries one or the other');
  }
  if (hasReference) {
    const problem = rfReferenceProblem(input.reference!);
    if (problem) fail('reference', `${problem} (an ISO 11649 RF creditor reference)`);
  }
  text('text', input.text, 140);
  text('information', input.information, 70);
  return errors;
}

/**
 * The payload string to encode as a QR code. Throws a 400 validation error naming each faulty field
 * (non-EUR amount, bad IBAN or BIC, a field too long, reference and text both given, > 331 bytes).
 */
export function epcQrPayload(input: EpcQrInput): string {
  const errors = epcQrProblems(input);
  if (errors.length === 0) {
    const payload = assemble(input);
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > EPC_QR_MAX_BYTES) {
      errors.push({
        path: 'information',
        message: `the whole payload is ${bytes} bytes, at most ${EPC_QR_MAX_BYTES} fit an EPC QR code: shorten the texts`,
      });
    } else {
      return payload;
    }
  }
  throw validationError(`The EPC QR code cannot be made: ${errors[0]!.path} ${errors[0]!.message}.`, errors);
}

function assemble(input: EpcQrInput): string {
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    input.bic?.trim().toUpperCase() ?? '',
    input.name.trim(),
    compactIban(input.iban),
    input.amount ? `EUR${toDecimalString(input.amount)}` : '',
    input.purpose ?? '',
    input.reference?.trim() ? compactRfReference(input.reference) : '',
    input.reference?.trim() ? '' : (input.text?.trim() ?? ''),
    input.information?.trim() ?? '',
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
