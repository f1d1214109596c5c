/**
 * Walks the audit trail in order and checks the hash chain. Names each row that was edited,
 * deleted (a gap or a missing tail), inserted or moved (a broken link to the previous hash).
 */
import type { AnyDb } from '../db/database.js';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './hash.js';

export interface AuditProblem {
  seq: number;
  id: string | null;
  kind: 'edited' | 'deleted' | 'reordered' | 'truncated';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  problems: AuditProblem[];
}

const BATCH = 5000;

export async function verifyAuditTrail(
  db: AnyDb,
  options: { maxProblems?: number; onProgress?: (checked: number) => void } = {},
): Promise<AuditVerification> {
  const maxProblems = options.maxProblems ?? 50;
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;

  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) } as HashedAuditFields & { prev_hash: string; hash: string };
      if (row.seq !== expectedSeq) {
        const missing = row.seq - expectedSeq;
        problems.push({
          seq: expectedSeq,
          id: null,
          kind: 'deleted',
          message:
            missing > 0
              ? `entries ${expectedSeq}..${row.seq - 1} are missing (deleted) before entry ${row.seq} (${row.id})`
              : `entry ${row.seq} (${row.id}) is out of sequence`,
        });
      } else if (row.prev_hash !== prevHash) {
        problems.push({
          seq: row.seq,
          id: row.id,
          kind: 'reordered',
          message: `entry ${row.seq} (${row.id}) does not follow entry ${row.seq - 1}: its previous-hash link is broken (an entry was moved, inserted or replaced)`,
        });
      }
      const recomputed = auditHash(row.prev_hash, row);
      if (recomputed !== row.hash) {
        problems.push({
          seq: row.seq,
          id: row.id,
          kind: 'edited',
          message: `entry ${row.seq} (${row.id}, ${row.action}) was edited: its content no longer matches its hash`,
        });
      }
      // Continue the chain from what the row claims, so one bad row is reported once, not for every row after it.
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      lastSeq = row.seq;
      checked++;
      if (problems.length >= maxProblems) break;
    }
    options.onProgress?.(checked);
    if (rows.length < BATCH || problems.length >= maxProblems) break;
  }

  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const headSeq = Number(head?.seq ?? 0);
  const headHash = (head?.hash as string | undefined) ?? GENESIS_HASH;
  if (problems.length < maxProblems && (headSeq !== lastSeq || headHash !== prevHash)) {
    problems.push({
      seq: headSeq,
      id: null,
      kind: 'truncated',
      message:
        headSeq > lastSeq
          ? `entries ${lastSeq + 1}..${headSeq} are missing at the end of the trail (deleted)`
          : `the trail's head (entry ${headSeq}) does not match its last entry ${lastSeq}`,
    });
  }
  return { ok: problems.length === 0, checked, headSeq, headHash, problems };
}
