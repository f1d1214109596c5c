/** `duely serve` and `duely worker`: the long-running processes. */
import { buildServer, createRunner, openContext, startBackground } from '../app.js';
import { ensureAdministrator } from '../modules/users/index.js';
import type { AppContext } from '../platform/context.js';
import { createMetrics } from '../platform/http/metrics.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { releaseHeldMail } from '../platform/mail/admin.js';
import { closeMailTransports } from '../platform/mail/sender.js';
import { configFrom, type DatabaseFlags } from './common.js';

export interface ServeFlags extends DatabaseFlags {
  port?: string;
  host?: string;
  worker: boolean;
  migrate: boolean;
}

function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal} received, shutting down…\n`);
    stop()
      .then(() => process.exit(0))
      .catch((error) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

function printFirstStart(email: string, password: string | undefined, baseUrl: string): void {
  const lines = [
    'Duely created its first administrator.',
    `  Sign in at: ${baseUrl}/sign-in`,
    `  Email:      ${email}`,
    password ? `  Password:   ${password}` : '  Password:   the one given in ADMIN_PASSWORD',
    password ? 'This password is shown only once: sign in and change it (menu → Change password).' : '',
  ].filter(Boolean);
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  process.stdout.write(`\n${bar}\n${lines.map((l) => `| ${l.padEnd(width)} |`).join('\n')}\n${bar}\n\n`);
}

async function startWorker(ctx: AppContext, runner: JobRunner): Promise<void> {
  const released = await releaseHeldMail(ctx);
  if (released > 0) ctx.logger.info({ released }, 'held mail released now that SMTP is configured');
  await startBackground(ctx, runner);
}

export async function serve(flags: ServeFlags): Promise<void> {
  const config = configFrom(flags, { PORT: flags.port, HOST: flags.host });
  const ctx = await openContext(config, { migrate: flags.migrate });
  const admin = await ensureAdministrator(ctx);
  const metrics = createMetrics();
  const app = await buildServer(ctx, metrics);
  const runner = createRunner(ctx, metrics);
  await app.listen({ port: config.PORT, host: config.HOST });
  if (flags.worker) await startWorker(ctx, runner);
  if (admin) printFirstStart(admin.email, admin.generatedPassword, config.BASE_URL);
  process.stdout.write(
    `Duely is running on ${config.BASE_URL} (listening on ${config.HOST}:${config.PORT}, ${ctx.database.displayUrl}${flags.worker ? ', with job runner' : ''}).\n`,
  );
  if (!config.SMTP_URL) process.stdout.write('SMTP_URL is not set: outgoing mail is held until it is.\n');
  onShutdown(async () => {
    await app.close();
    if (flags.worker) await runner.stop();
    closeMailTransports();
    await ctx.database.close();
  });
}

export async function worker(flags: DatabaseFlags & { concurrency?: string }): Promise<void> {
  const config = configFrom(flags, { WORKER_CONCURRENCY: flags.concurrency });
  const ctx = await openContext(config, { migrate: false });
  const metrics = createMetrics();
  const runner = createRunner(ctx, metrics);
  await startWorker(ctx, runner);
  process.stdout.write(
    `Duely job runner ${runner.workerId} started (${ctx.database.displayUrl}, concurrency ${config.WORKER_CONCURRENCY}).\n`,
  );
  onShutdown(async () => {
    await runner.stop();
    closeMailTransports();
    await ctx.database.close();
  });
}
