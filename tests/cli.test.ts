/** The real `duely` command line, run as a child process against a temporary SQLite database. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { migrations } from '../migrations/index.js';
import { ROLES } from '../src/platform/auth/roles.js';
import { CONFIG_KEYS } from '../src/platform/config.js';
import { type ChildResult, runChild } from './support/child-process.js';

// Each case starts `duely` through tsx, which compiles every module first: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'duely-cli-'));
const dbFile = join(dir, 'duely.db');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duely(args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  const unset = Object.fromEntries(CONFIG_KEYS.map((key) => [key, undefined]));
  return runChild({
    script: 'src/main.ts',
    args,
    env: { ...unset, DATABASE_URL: `sqlite:${dbFile}`, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
  });
}

describe.concurrent('duely: usage and start-up errors', () => {
  it('--help lists the commands', async () => {
    const run = await duely(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'user', 'audit', 'seed']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('an unknown command is a usage error (2)', async () => {
    const run = await duely(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('a bad setting is a configuration error (3) naming the variable', async () => {
    const run = await duely(['migrate'], { PORT: 'abc' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/PORT: must be a number \(got "abc"\)/);
  });

  it('an unreachable PostgreSQL is a configuration error (3)', async () => {
    const run = await duely(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/x/);
  });

  it('seed --demo on a fresh database is idempotent and creates a user for every role', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'demo.db')}` };
    const first = await duely(['seed', '--demo'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /Administrator admin@example\.com created, password \(shown once\): \S{12,}/,
    );
    expect(first.stdout).toMatch(/Demo data ready/);
    const second = await duely(['seed', '--demo'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/Administrator .* created/);
    const list = await duely(['user', 'list', '--format', 'json'], env);
    expect(list.code, list.stderr).toBe(0);
    const users = JSON.parse(list.stdout) as { email: string; roles: string[]; status: string }[];
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(users).toHaveLength(7); // the administrator and six demo people
    for (const role of ROLES) {
      expect(
        users.some((u) => u.roles.includes(role) && u.status === 'active'),
        role,
      ).toBe(true);
    }
  });
});

// One database, used in order: each step builds on the one before.
describe.sequential('duely: one database from migrate to tampering', () => {
  const listJson = async () => {
    const run = await duely(['user', 'list', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { email: string; name: string; roles: string[]; status: string }[];
  };

  it('refuses to work on an unmigrated database, then migrates it', async () => {
    const before = await duely(['user', 'list']);
    expect(before.code).toBe(3);
    expect(before.stderr).toMatch(/needs migrating.*run "duely migrate" first/);

    const run = await duely(['migrate']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Applied ${migrations.map((m) => m.name).join(', ')} to sqlite:`);

    const status = await duely(['migrate', '--status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`applied: ${migrations.length}`));
    expect(status.stdout).toMatch(/pending: none/);
  });

  it('user add prints a generated password; a duplicate or an unknown role is refused', async () => {
    const run = await duely([
      'user',
      'add',
      '--email',
      'a@example.com',
      '--name',
      'A',
      '--roles',
      'finance,sales',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Created a@example\.com \(usr_[0-9a-z]{26}\) with role\(s\) finance, sales/);
    const password = /Initial password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);

    const [duplicate, bogus] = await Promise.all([
      duely(['user', 'add', '--email', 'A@example.com', '--name', 'Again', '--roles', 'sales']),
      duely(['user', 'add', '--email', 'b@example.com', '--name', 'B', '--roles', 'finance,bogus']),
    ]);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/A user with the email a@example\.com already exists/);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/Unknown role\(s\) bogus/);
  });

  it('user list as JSON and CSV', async () => {
    const [users, csv] = await Promise.all([listJson(), duely(['user', 'list', '--format', 'csv'])]);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      email: 'a@example.com',
      name: 'A',
      roles: ['finance', 'sales'],
      status: 'active',
    });
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,email,name,roles,status,last sign-in');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^usr_[0-9a-z]{26},a@example\.com,A,"finance,sales",active,never$/);
  });

  it('user disable', async () => {
    const run = await duely(['user', 'disable', 'a@example.com']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/a@example\.com is now disabled/);
    const missing = await duely(['user', 'disable', 'nobody@example.com']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No user with the email nobody@example\.com/);
  });

  it('audit verify passes, then names the entry edited behind its back (exit 4)', async () => {
    const ok = await duely(['audit', 'verify']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail intact: \d+ entries/);

    const raw = new Database(dbFile);
    try {
      const changed = raw
        .prepare(`update audit_log set after_json = '{"status":"active"}' where seq = 2`)
        .run();
      expect(changed.changes).toBe(1);
    } finally {
      raw.close();
    }
    const tampered = await duely(['audit', 'verify']);
    expect(tampered.code).toBe(4);
    expect(tampered.stdout).toMatch(/Audit trail TAMPERED: 1 problem/);
    expect(tampered.stdout).toMatch(/\[edited\] entry 2 \(aud_[0-9a-z]{26}, user\.disabled\) was edited/);
  });

  it('a database with a newer schema is refused (3) by every command', async () => {
    const raw = new Database(dbFile);
    try {
      raw
        .prepare(
          `insert into schema_migrations (name, applied_at) values ('9999_future', '2030-01-01T00:00:00.000Z')`,
        )
        .run();
    } finally {
      raw.close();
    }
    const [list, migrate] = await Promise.all([duely(['user', 'list']), duely(['migrate'])]);
    for (const run of [list, migrate]) {
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(
        /has a newer schema than this version of Duely.*9999_future.*Nothing was changed/,
      );
    }
  });
});
