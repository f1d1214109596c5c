/** The contact log: calls and notes logged by hand on a customer (optionally on one of its invoices). */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findCustomerIn } from '../customers/index.js';
import { getOpenItem } from '../invoicing/index.js';
import * as store from './notes-store.js';

export const NOTE_KINDS = ['call', 'note'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const CALL_OUTCOMES = [
  'reached',
  'no_answer',
  'left_message',
  'wrong_number',
  'promised_to_pay',
  'disputed',
  'other',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface ContactNote {
  id: string;
  customerId: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  kind: NoteKind;
  outcome: CallOutcome | null;
  contactName: string | null;
  text: string;
  occurredAt: string;
  createdBy: string | null;
  createdAt: string;
}

export interface LogNoteInput {
  kind: NoteKind;
  invoiceId?: string | null | undefined;
  outcome?: CallOutcome | null | undefined;
  contactName?: string | null | undefined;
  text: string;
  /** When the call happened; default now. Not in the future. */
  occurredAt?: string | null | undefined;
}

const toNote = (row: store.NoteRow): ContactNote => ({
  id: row.id,
  customerId: row.customer_id,
  invoiceId: row.invoice_id,
  invoiceNumber: row.invoice_number,
  kind: row.kind as NoteKind,
  outcome: row.outcome as CallOutcome | null,
  contactName: row.contact_name,
  text: row.text,
  occurredAt: row.occurred_at,
  createdBy: row.created_by_label,
  createdAt: row.created_at,
});

export async function logNote(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: LogNoteInput,
): Promise<ContactNote> {
  return transaction(ctx, actor, async (tx) => {
    const customer = await findCustomerIn(tx.db, customerId);
    if (!customer)
      throw validationError(`No customer with id "${customerId}".`, [
        { path: 'params.id', message: 'is not a known customer' },
      ]);
    const errors = [];
    let invoiceNumber: string | null = null;
    if (input.invoiceId) {
      const invoice = await getOpenItem(tx.db, input.invoiceId);
      if (!invoice) errors.push({ path: 'invoiceId', message: 'is not an issued invoice' });
      else if (invoice.customerId !== customerId)
        errors.push({ path: 'invoiceId', message: `${invoice.number} belongs to another customer` });
      else invoiceNumber = invoice.number;
    }
    if (input.kind === 'note' && input.outcome)
      errors.push({ path: 'outcome', message: 'is only for calls' });
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : tx.now;
    if (occurredAt > tx.now) errors.push({ path: 'occurredAt', message: 'is in the future' });
    if (errors.length > 0)
      throw validationError(
        `The ${input.kind} cannot be logged: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
        errors,
      );
    const row: store.NoteRow = {
      id: newId('followup_note'),
      customer_id: customerId,
      invoice_id: input.invoiceId ?? null,
      invoice_number: invoiceNumber,
      kind: input.kind,
      outcome: input.outcome ?? null,
      contact_name: input.contactName ?? null,
      text: input.text,
      occurred_at: occurredAt,
      created_by: actor.userId ?? actor.id,
      created_by_label: actor.label,
      created_at: tx.now,
    };
    await store.insertNote(tx.db, row);
    const note = toNote(row);
    tx.audit({
      action: `followup.${input.kind}_logged`,
      entityType: 'customer',
      entityId: customerId,
      after: note,
    });
    return note;
  });
}

/** A customer's calls and notes, latest first. */
export async function notesOfCustomer(db: AnyDb, customerId: string, limit = 1000): Promise<ContactNote[]> {
  return (await store.notesOfCustomer(db, customerId, limit)).map(toNote);
}
