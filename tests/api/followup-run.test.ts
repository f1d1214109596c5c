/**
 * The follow-up run under pressure: two workers at once (PostgreSQL: several pools; SQLite: child
 * processes started together) send each reminder once; the company's local date decides what is due
 * around midnight; a real SMTP server receives the grouped reminder; the CLI dry run changes nothing.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFollowup } from '../../src/modules/followup/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { CONFIG_KEYS } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { JobRegistry } from '../../src/platform/jobs/registry.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';
import { closeMailTransports, registerMailSender } from '../../src/platform/mail/sender.js';
import { runTogether } from '../support/child-process.js';
import { describeEachDatabase } from '../support/databases.js';
import { type SmtpTestServer, startSmtpServer } from '../support/smtp.js';
import {
  countRows,
  customer,
  drainJobs,
  invoiceDue,
  itemOf,
  withBackgroundWork,
} from './followup.support.js';

const actor = systemActor('test');
const ROOT = resolve(import.meta.dirname, '../..');

let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  closeMailTransports();
  await smtp.close();
});

function duely(
  url: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const key of CONFIG_KEYS) delete base[key];
  return new Promise((done, fail) => {
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...base, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describeEachDatabase('follow-up run: workers, SMTP, CLI', (get) => {
  beforeAll(() => {
    withBackgroundWork(get().ctx);
  });

  it('two workers running at once send each customer’s reminder exactly once', async () => {
    const t = get();
    const customers = [];
    for (let i = 0; i < 6; i++) {
      const c = await customer(t.ctx, actor);
      await invoiceDue(t.ctx, actor, c.id, 10_000 + i, '2026-07-01');
      await invoiceDue(t.ctx, actor, c.id, 20_000 + i, '2026-07-02');
      customers.push(c);
    }
    await drainJobs(t.ctx);
    const mailsBefore = await countRows(t.ctx, 'mail_messages');
    let results: { claimed: number; messages: number; failures: number }[];
    if (t.kind === 'postgres') {
      const contexts = await Promise.all([t.openAnother(), t.openAnother(), t.openAnother()]);
      results = (
        await Promise.all(contexts.map((ctx) => runFollowup(ctx, { asOf: '2026-07-10', batchSize: 3 })))
      ).map((r) => ({ claimed: r.itemsClaimed, messages: r.messages, failures: r.failures.length }));
    } else {
      results = await runTogether(
        [0, 1, 2].map(() => ({
          script: 'tests/api/followup-concurrency.child.ts',
          args: [t.url, '2026-07-10'],
          timeoutMs: 120_000,
        })),
      );
    }
    expect(results.reduce((n, r) => n + r.failures, 0)).toBe(0);
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(12);
    expect(results.reduce((n, r) => n + r.messages, 0)).toBe(6);
    expect(await countRows(t.ctx, 'mail_messages')).toBe(mailsBefore + 6);
    const again = await runFollowup(t.ctx, { asOf: '2026-07-10' });
    expect(again.messages).toBe(0);
  }, 180_000);

  it('delivers the grouped reminder to a real SMTP server', async () => {
    const t = get();
    const c = await customer(t.ctx, actor, { email: `grouped-${t.kind}@buyer.example` });
    const a = await invoiceDue(t.ctx, actor, c.id, 11_000, '2026-07-20');
    const b = await invoiceDue(t.ctx, actor, c.id, 22_000, '2026-07-21');
    await drainJobs(t.ctx);
    const result = await runFollowup(t.ctx, { asOf: '2026-07-29', customerId: c.id });
    expect(result.messages).toBe(1);
    const mailCtx: AppContext = {
      ...t.ctx,
      jobs: new JobRegistry(),
      config: { ...t.config, SMTP_URL: smtp.url, MAIL_FROM: 'Accounts <accounts@duely.test>' },
    };
    registerMailSender(mailCtx);
    await new JobRunner(mailCtx, {
      concurrency: 1,
      pollMs: 1000,
      backoff: { baseMs: 60_000, jitter: 0 },
    }).runOnce();
    const received = smtp.messages.filter((m) => m.to.includes(`grouped-${t.kind}@buyer.example`));
    expect(received).toHaveLength(1);
    const raw = received[0]!.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain(a.number);
    expect(raw).toContain(b.number);
  });

  it('the CLI dry run prints the plan and changes nothing', async () => {
    const t = get();
    const c = await customer(t.ctx, actor);
    const inv = await invoiceDue(t.ctx, actor, c.id, 3_300, '2026-08-03');
    await drainJobs(t.ctx);
    const tables = ['followup_actions', 'followup_items', 'mail_messages', 'invoices', 'audit_log'];
    const counts = () => Promise.all(tables.map((name) => countRows(t.ctx, name)));
    const before = await counts();
    const item = await itemOf(t.ctx, inv.id);
    const out = await duely(t.url, [
      'followup',
      'run',
      '--as-of',
      '2026-08-11',
      '--dry-run',
      '--customer',
      c.id,
      '--format',
      'json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const plan = JSON.parse(out.stdout);
    expect(plan).toMatchObject({ dryRun: true, itemsClaimed: 1, messages: 1 });
    expect(plan.actions[0]).toMatchObject({ invoiceNumber: inv.number, stepPosition: 2, kind: 'reminder' });
    expect(await counts()).toEqual(before);
    expect(await itemOf(t.ctx, inv.id)).toEqual(item);
    const table = await duely(t.url, [
      'followup',
      'run',
      '--as-of',
      '2026-08-11',
      '--dry-run',
      '--customer',
      c.id,
    ]);
    expect(table.stdout).toContain('dry run (nothing was changed)');
    expect(table.stdout).toContain(inv.number);
  }, 180_000);
});

for (const [zone, beforeMidnight, afterMidnight] of [
  // NZDT (UTC+13): 2026-12-05 00:00 in Auckland is 2026-12-04 11:00 UTC.
  ['Pacific/Auckland', '2026-12-04T10:59:30.000Z', '2026-12-04T11:00:30.000Z'],
  // PST (UTC−8): 2026-12-05 00:00 in Los Angeles is 2026-12-05 08:00 UTC.
  ['America/Los_Angeles', '2026-12-05T07:59:30.000Z', '2026-12-05T08:00:30.000Z'],
] as const) {
  describeEachDatabase(
    `follow-up run: the company date in ${zone}`,
    (get) => {
      beforeAll(() => {
        withBackgroundWork(get().ctx);
      });

      it('a step due on the 5th fires only once it is the 5th in the company’s zone', async () => {
        const t = get();
        const c = await customer(t.ctx, actor);
        // Due Tuesday 2026-12-08: the default policy's first step (3 days before) is due on 2026-12-05.
        const inv = await invoiceDue(t.ctx, actor, c.id, 8_800, '2026-12-08');
        await drainJobs(t.ctx);
        expect(await itemOf(t.ctx, inv.id)).toMatchObject({ next_date: '2026-12-05' });
        t.clock.set(beforeMidnight);
        const early = await runFollowup(t.ctx, {});
        expect(early).toMatchObject({ asOf: '2026-12-04', itemsDue: 0, messages: 0 });
        t.clock.set(afterMidnight);
        const onTime = await runFollowup(t.ctx, {});
        expect(onTime).toMatchObject({ asOf: '2026-12-05', itemsClaimed: 1, messages: 1 });
      });
    },
    { config: { TIMEZONE: zone } },
  );
}
