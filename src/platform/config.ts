/**
 * Configuration from the environment, overridden by command-line flags, validated once at start.
 * Each bad value is reported with its variable name, what was given and what is expected.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from './dates.js';
import { StartupError } from './errors.js';
import { isCurrency } from './money.js';

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time written HH:MM, e.g. 07:00');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/duely.db')
    .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'must be sqlite:<path> (e.g. sqlite:./data/duely.db) or postgres://user@host:5432/db',
    }),
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_URL: z.url({ message: 'must be an absolute http(s) URL, e.g. https://duely.example.com' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SECRET: z.string().min(32, 'must be at least 32 characters (leave it unset to generate one)').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be smtp://user:pass@host:port or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Duely <duely@localhost>'),
  TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Paris' }),
  BASE_CURRENCY: z
    .string()
    .default('EUR')
    .refine(isCurrency, { message: 'must be an ISO 4217 currency code, e.g. EUR' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: integer(1, 60 * 24 * 30).default(60),
  SESSION_MAX_HOURS: integer(1, 24 * 90).default(12),
  SIGNIN_MAX_FAILURES: integer(1, 100).default(5),
  SIGNIN_LOCK_MINUTES: integer(1, 24 * 60).default(15),
  SIGNIN_RATE_PER_MINUTE: integer(1, 100_000).default(20),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  BODY_LIMIT_BYTES: integer(1024, 100 * 1024 * 1024).default(1024 * 1024),
  TRUST_PROXY: booleanFlag.default(false),
  WORKER_CONCURRENCY: integer(1, 64).default(4),
  WORKER_POLL_MS: integer(10, 60_000).default(1000),
  MAINTENANCE_TIME: timeOfDay.default('03:00'),
  /** Local time (company zone) of the daily follow-up run. */
  FOLLOWUP_RUN_TIME: timeOfDay.default('06:00'),
  /** Local time of the worklist's daily digest email per department. */
  WORKLIST_DIGEST_TIME: timeOfDay.default('07:30'),
  /** GS1 company prefix (7–10 digits) in the SSCCs of packages; the default is GS1's documentation example. */
  GS1_COMPANY_PREFIX: z
    .string()
    .regex(/^\d{7,10}$/, 'must be a GS1 company prefix of 7 to 10 digits')
    .default('0614141'),
  /** SSCC extension digit (0–9) in front of the company prefix. */
  SSCC_EXTENSION_DIGIT: integer(0, 9).default(0),
  PG_POOL_SIZE: integer(1, 200).default(10),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'SECRET' | 'BASE_URL'> {
  SECRET: string;
  BASE_URL: string;
  databaseKind: 'sqlite' | 'postgres';
}

/** Names of the settings, for flags that mirror them (e.g. --port for PORT). */
export const CONFIG_KEYS = Object.keys(configSchema.shape) as (keyof RawConfig)[];

export function formatConfigIssues(error: z.ZodError, given: Record<string, unknown>): string {
  const lines = error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const value = given[key];
    const shown = key === 'SECRET' || key === 'ADMIN_PASSWORD' ? '(hidden)' : JSON.stringify(value);
    return `  ${key}: ${issue.message} (got ${shown})`;
  });
  return `Configuration error:\n${lines.join('\n')}`;
}

/**
 * Reads the settings from `env` (process.env by default) with `overrides` (flags) on top.
 * Empty strings count as unset. Throws StartupError naming every bad value.
 */
export function parseConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof RawConfig, string | number | undefined>> = {},
): RawConfig {
  const given: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = overrides[key] ?? env[key];
    if (value !== undefined && value !== '') given[key] = value;
  }
  const result = configSchema.safeParse(given);
  if (!result.success) throw new StartupError(formatConfigIssues(result.error, given));
  return result.data;
}

/** Completes a parsed configuration: resolves the secret (reading or creating it on disk) and the base URL. */
export function resolveConfig(raw: RawConfig): Config {
  const databaseKind = raw.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const BASE_URL = (raw.BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  const SECRET = raw.SECRET ?? readOrCreateSecret(raw.DATA_DIR);
  return { ...raw, SECRET, BASE_URL, databaseKind };
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof RawConfig, string | number | undefined>> = {},
): Config {
  return resolveConfig(parseConfig(env, overrides));
}

/** The generated secret lives in DATA_DIR/secret (mode 600) so restarts keep sessions and signed links valid. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(resolve(dataDir), 'secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < 32)
      throw new StartupError(
        `Configuration error: the secret stored in ${file} is too short; delete it to generate a new one.`,
      );
    return stored;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
