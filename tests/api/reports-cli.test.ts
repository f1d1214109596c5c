/** `duely report aging` as a child process, against a database built through the services (both databases). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.js';
import { CONFIG_KEYS } from '../../src/platform/config.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildScenario, type Scenario } from './reports.support.js';

// Each case starts `duely` through tsx, which compiles every module first: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'duely-report-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function duely(
  url: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const key of CONFIG_KEYS) delete base[key];
  return new Promise((done, fail) => {
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...base, DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describeEachDatabase('duely report aging', (get) => {
  let s: Scenario;
  beforeAll(async () => {
    s = await buildScenario(get().ctx, systemActor('test'));
  }, 120_000);

  it('table: a section per currency, aligned, with a total row', async () => {
    const run = await duely(get().url, ['report', 'aging', '--as-of', '2026-12-04']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Receivables aging as of 2026-12-04');
    const eur = lines.indexOf('EUR');
    const usd = lines.indexOf('USD');
    expect(eur).toBeGreaterThan(0);
    expect(usd).toBeGreaterThan(eur);
    const header = lines[eur + 1]!;
    expect(header).toMatch(
      /^code\s+customer\s+Current\s+1–30\s+31–60\s+61–90\s+90\+\s+total\s+credit\s+balance$/,
    );
    const total = lines.slice(eur, usd).find((l) => l.startsWith('TOTAL'))!;
    expect(total.split(/\s{2,}/)).toEqual([
      'TOTAL',
      '2 customers',
      '200.00',
      '0.00',
      '0.00',
      '700.00',
      '600.00',
      '1500.00',
      '-50.00',
      '1450.00',
    ]);
    // Right-aligned amounts: every line of the section ends at the same column.
    const section = lines.slice(eur + 1, usd - 1);
    expect(new Set(section.map((l) => l.length)).size).toBe(1);
    expect(lines.slice(usd).find((l) => l.startsWith('TOTAL'))).toMatch(
      /1 customer\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+250\.00\s+250\.00\s+0\.00\s+250\.00$/,
    );
  });

  it('csv and json, with --currency and --buckets', async () => {
    const csv = await duely(get().url, [
      'report',
      'aging',
      '--as-of',
      '2026-08-10',
      '--format',
      'csv',
      '--buckets',
      '15,45',
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'row,currency,customer_code,customer_name,customer_id,current,1-15,16-45,over-45,total,overdue,unapplied_credit,balance',
    );
    expect(lines.find((l) => l.includes(s.a))).toMatch(
      /,0\.00,0\.00,1000\.00,0\.00,1000\.00,1000\.00,0\.00,1000\.00$/,
    );
    expect(lines).toContain('total,USD,,1 customer,,250.00,0.00,0.00,0.00,250.00,0.00,0.00,250.00');

    const json = await duely(get().url, [
      'report',
      'aging',
      '--as-of',
      '2026-12-04',
      '--format',
      'json',
      '--currency',
      'usd',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.currencies).toEqual([
      {
        currency: 'USD',
        buckets: [0, 0, 0, 0, 25_000],
        total: 25_000,
        overdue: 25_000,
        unappliedCredit: 0,
        balance: 25_000,
        customers: 1,
      },
    ]);
    expect(report.customers.items.map((r: { customerId: string }) => r.customerId)).toEqual([s.c]);
  });

  it('bad flags are usage errors (2) with a clear message', async () => {
    const date = await duely(get().url, ['report', 'aging', '--as-of', '2026-13-01']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--as-of "2026-13-01" is not a date written YYYY-MM-DD/);
    const buckets = await duely(get().url, ['report', 'aging', '--buckets', '90,30']);
    expect(buckets.code).toBe(2);
    expect(buckets.stderr).toMatch(/Invalid buckets "90,30": limits must be strictly ascending/);
    const currency = await duely(get().url, ['report', 'aging', '--currency', 'EURO']);
    expect(currency.code).toBe(2);
    const format = await duely(get().url, ['report', 'aging', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are table, csv, json/);
  });
});
