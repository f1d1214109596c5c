import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './config.js';
import { StartupError } from './errors.js';

function configError(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  }
  throw new Error(`expected a configuration error for ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('has working defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'sqlite:./data/duely.db',
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      TIMEZONE: 'UTC',
      BASE_CURRENCY: 'EUR',
      LOG_LEVEL: 'info',
      SESSION_IDLE_MINUTES: 60,
      SESSION_MAX_HOURS: 12,
      SIGNIN_MAX_FAILURES: 5,
      SIGNIN_LOCK_MINUTES: 15,
      TRUST_PROXY: false,
      MAINTENANCE_TIME: '03:00',
    });
    expect(config.SECRET).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('reads and converts given values; empty strings count as unset; flags win over the environment', () => {
    const config = parseConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u@db:5432/duely',
        TIMEZONE: 'Europe/Paris',
        BASE_CURRENCY: 'JPY',
        HOST: '',
        TRUST_PROXY: 'yes',
      },
      { PORT: 9090 },
    );
    expect(config).toMatchObject({
      PORT: 9090,
      DATABASE_URL: 'postgres://u@db:5432/duely',
      TIMEZONE: 'Europe/Paris',
      BASE_CURRENCY: 'JPY',
      HOST: '127.0.0.1',
      TRUST_PROXY: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /must be a number \(got "abc"\)/],
    [{ PORT: '70000' }, 'PORT', /must be at most 65535/],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL',
      /must be sqlite:<path>.*or postgres:\/\/.*\(got "mysql:\/\/x"\)/,
    ],
    [{ TIMEZONE: 'Mars/Olympus' }, 'TIMEZONE', /must be an IANA time zone.*\(got "Mars\/Olympus"\)/],
    [{ BASE_CURRENCY: 'XXX' }, 'BASE_CURRENCY', /must be an ISO 4217 currency code.*\(got "XXX"\)/],
    [{ BASE_CURRENCY: 'EURO' }, 'BASE_CURRENCY', /must be an ISO 4217 currency code.*\(got "EURO"\)/],
    [{ SMTP_URL: 'http://x' }, 'SMTP_URL', /must be smtp:\/\/.*\(got "http:\/\/x"\)/],
    [{ SECRET: 'too-short' }, 'SECRET', /must be at least 32 characters/],
    [{ MAINTENANCE_TIME: '25:00' }, 'MAINTENANCE_TIME', /HH:MM/],
  ])('%o is refused, naming the variable and what is expected', (env, key, expected) => {
    const message = configError(env);
    const line = message.split('\n').find((l) => l.trimStart().startsWith(`${key}:`));
    expect(line, message).toBeDefined();
    expect(line).toMatch(expected);
  });

  it('never shows a secret it refuses', () => {
    const message = configError({ SECRET: 'my-short-secret', ADMIN_PASSWORD: 'pw-short' });
    expect(message).not.toContain('my-short-secret');
    expect(message).not.toContain('pw-short');
    expect(message).toMatch(/SECRET: .*\(got \(hidden\)\)/);
    expect(message).toMatch(/ADMIN_PASSWORD: .*\(got \(hidden\)\)/);
  });

  it('reports every bad value at once', () => {
    const message = configError({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      TIMEZONE: 'Mars/Olympus',
      BASE_CURRENCY: 'EURO',
      SMTP_URL: 'http://x',
      SECRET: 'short',
    });
    expect(message).toMatch(/^Configuration error:/);
    for (const key of ['PORT', 'DATABASE_URL', 'TIMEZONE', 'BASE_CURRENCY', 'SMTP_URL', 'SECRET']) {
      expect(message).toMatch(new RegExp(`^  ${key}: `, 'm'));
    }
    expect(message.split('\n')).toHaveLength(7);
  });
});

describe('the generated secret', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'duely-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is created in DATA_DIR/secret with mode 600 and reused on the next start', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.SECRET.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.SECRET);
    expect(loadConfig({ DATA_DIR: dataDir }).SECRET).toBe(first.SECRET);
    expect(loadConfig({ DATA_DIR: tempDir() }).SECRET).not.toBe(first.SECRET);
  });

  it('is not created when SECRET is given', () => {
    const dataDir = tempDir();
    const secret = 's'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir, SECRET: secret }).SECRET).toBe(secret);
    expect(() => statSync(join(dataDir, 'secret'))).toThrow();
  });

  it('refuses a stored secret that is too short', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'secret'), 'short\n');
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(StartupError);
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(/too short/);
  });

  it('derives the kind of database and the base URL', () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '4000' })).toMatchObject({
      databaseKind: 'sqlite',
      BASE_URL: 'http://localhost:4000',
    });
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: 'postgresql://u@h/db',
        BASE_URL: 'https://duely.example.com/',
      }),
    ).toMatchObject({ databaseKind: 'postgres', BASE_URL: 'https://duely.example.com' });
  });
});
