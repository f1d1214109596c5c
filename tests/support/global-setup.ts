/**
 * Runs once before the suite: decides whether the PostgreSQL half of the integration tests can run.
 * Without a server, `npm test` runs the SQLite half and says so plainly; with REQUIRE_POSTGRES=1
 * (set by .ci/run) a missing server fails the run instead.
 */
import type { TestProject } from 'vitest/node';
import { probePostgres, TEST_DATABASE_URL } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const probe = await probePostgres();
  if (!probe.ok) {
    const message = `PostgreSQL suite SKIPPED: cannot reach ${TEST_DATABASE_URL} (${probe.reason}). Only the SQLite suite runs. Set TEST_DATABASE_URL to a server to run both.`;
    if (process.env.REQUIRE_POSTGRES === '1') {
      throw new Error(`${message}\nREQUIRE_POSTGRES=1: a skipped PostgreSQL suite is a failure.`);
    }
    console.warn(`\n⚠ ${message}\n`);
  }
  project.provide('postgresAvailable', probe.ok);
}
