/**
 * The archive of issued documents (invoice PDFs, statements, labels …): the exact bytes as issued,
 * with their SHA-256, written in the issuing transaction and never changed afterwards.
 */
import { createHash } from 'node:crypto';
import { type AnyDb, tables } from '../db/database.js';
import { newId } from '../ids.js';

export interface DocumentsTables {
  archived_documents: {
    id: string;
    owner_type: string;
    owner_id: string;
    kind: string;
    filename: string;
    content_type: string;
    content: Buffer | Uint8Array;
    sha256: string;
    created_at: string;
  };
}

export interface ArchiveInput {
  /** What the document belongs to, e.g. `invoice` and its id. */
  ownerType: string;
  ownerId: string;
  /** What it is, e.g. `invoice_pdf`. */
  kind: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ArchivedDocument {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: string;
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  createdAt: string;
}

export const sha256Hex = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/** Stores a document in the caller's transaction (`tx`); returns its id and SHA-256. */
export async function archiveDocument(
  tx: { readonly db: AnyDb; readonly now: string },
  input: ArchiveInput,
): Promise<{ id: string; sha256: string }> {
  const id = newId('document');
  const sha256 = sha256Hex(input.content);
  await tables<DocumentsTables>(tx.db)
    .insertInto('archived_documents')
    .values({
      id,
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      kind: input.kind,
      filename: input.filename,
      content_type: input.contentType,
      content: input.content,
      sha256,
      created_at: tx.now,
    })
    .execute();
  return { id, sha256 };
}

export async function getArchivedDocument(db: AnyDb, id: string): Promise<ArchivedDocument | undefined> {
  const row = await tables<DocumentsTables>(db)
    .selectFrom('archived_documents')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    kind: row.kind,
    filename: row.filename,
    contentType: row.content_type,
    content: Buffer.from(row.content),
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}
