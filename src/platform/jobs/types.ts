import type { AppContext } from '../context.js';

export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobInput {
  name: string;
  payload?: unknown;
  /** At most one job ever exists with a given dedupe key; enqueuing it again does nothing. */
  dedupeKey?: string | null;
  /** When the job may run; now if omitted. */
  runAt?: Date | string;
  maxAttempts?: number;
}

export interface JobRecord {
  id: string;
  name: string;
  payload: unknown;
  dedupeKey: string | null;
  state: JobState;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobHandlerContext {
  ctx: AppContext;
  job: JobRecord;
  /** Aborted when the worker is shutting down or has lost the job's lease. */
  signal: AbortSignal;
}

export interface JobDefinition {
  name: string;
  handler: (input: JobHandlerContext) => Promise<void>;
  maxAttempts?: number;
  /** How long one attempt may hold the job before another worker may take it over (ms). */
  leaseMs?: number;
}
