/** Queries of followup_notes, the calls and notes logged by hand (migrations/0016_promises.ts). */
import type { Kysely } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';

export interface NotesTables {
  followup_notes: {
    id: string;
    customer_id: string;
    invoice_id: string | null;
    invoice_number: string | null;
    kind: string;
    outcome: string | null;
    contact_name: string | null;
    text: string;
    occurred_at: string;
    created_by: string | null;
    created_by_label: string | null;
    created_at: string;
  };
}

export type NoteRow = NotesTables['followup_notes'];

const q = (db: AnyDb): Kysely<NotesTables> => tables<NotesTables>(db);

export const insertNote = (db: AnyDb, row: NoteRow) =>
  q(db).insertInto('followup_notes').values(row).execute();

/** A customer's calls and notes, latest first, at most `limit`. */
export const notesOfCustomer = (db: AnyDb, customerId: string, limit: number) =>
  q(db)
    .selectFrom('followup_notes')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
