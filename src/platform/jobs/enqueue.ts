import type { AnyDb } from '../db/database.js';
import { newId } from '../ids.js';
import type { JobInput } from './types.js';

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Writes a job in the caller's transaction. Returns false when a job with the same dedupe key
 * already exists (whatever its state): the work is already scheduled or done.
 */
export async function enqueueJob(db: AnyDb, now: string, job: JobInput): Promise<boolean> {
  const runAt = job.runAt === undefined ? now : new Date(job.runAt).toISOString();
  const result = await db
    .insertInto('jobs')
    .values({
      id: newId('job'),
      name: job.name,
      payload: JSON.stringify(job.payload ?? null),
      dedupe_key: job.dedupeKey ?? null,
      state: 'queued',
      run_at: runAt,
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
