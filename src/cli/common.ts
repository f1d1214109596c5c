import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import { loadConfig, type RawConfig } from '../platform/config.js';

/** Exit codes: documented in docs/operations.md. */
export const EXIT = { ok: 0, failure: 1, usage: 2, config: 3, auditFailed: 4 } as const;

export interface DatabaseFlags {
  databaseUrl?: string;
}

export function withDatabaseFlag(command: Command): Command {
  return command.option('--database-url <url>', 'database to use (overrides DATABASE_URL)');
}

/** Reads the configuration from the environment, with the command's flags on top. */
export function configFrom(
  flags: DatabaseFlags,
  extra: Partial<Record<keyof RawConfig, string | number | undefined>> = {},
): Config {
  return loadConfig(process.env, { DATABASE_URL: flags.databaseUrl, ...extra });
}
