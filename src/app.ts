/**
 * Composition root: which modules make up Duely, and how a process is assembled from the platform
 * and those modules (context, background work, HTTP server).
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { migrations } from '../migrations/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { creditModule } from './modules/credit/index.js';
import { customersModule } from './modules/customers/index.js';
import { disputesModule } from './modules/disputes/index.js';
import { followupModule } from './modules/followup/index.js';
import { invoicingModule } from './modules/invoicing/index.js';
import type { DuelyModule } from './modules/module.js';
import { ordersModule } from './modules/orders/index.js';
import { paymentsModule } from './modules/payments/index.js';
import { reportsModule } from './modules/reports/index.js';
import { shippingModule } from './modules/shipping/index.js';
import { createAuthenticator, usersModule } from './modules/users/index.js';
import { worklistModule } from './modules/worklist/index.js';
import { adminRoutes } from './platform/admin/routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { ROLES } from './platform/auth/roles.js';
import { createContext } from './platform/bootstrap.js';
import type { Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase } from './platform/db/database.js';
import { migrate, migrationStatus } from './platform/db/migrate.js';
import { StartupError } from './platform/errors.js';
import { registerEventDelivery } from './platform/events/delivery.js';
import type { Metrics } from './platform/http/metrics.js';
import { type App, createHttpServer, type RoutePlugin } from './platform/http/server.js';
import { JobRunner } from './platform/jobs/runner.js';
import { type ScheduleDefinition, syncSchedules } from './platform/jobs/schedules.js';
import { createLogger } from './platform/logger.js';
import { registerMailSender } from './platform/mail/sender.js';
import { maintenanceSchedule, registerMaintenance } from './platform/maintenance.js';
import { VERSION, WEB_ROOT } from './version.js';

/** Every business module, in dependency order. Later issues append here. */
export const MODULES: readonly DuelyModule[] = [
  usersModule,
  worklistModule,
  customersModule,
  invoicingModule,
  paymentsModule,
  reportsModule,
  catalogModule,
  ordersModule,
  shippingModule,
  creditModule,
  followupModule,
  disputesModule,
];

export interface OpenOptions {
  clock?: Clock;
  logger?: Logger;
  /** Apply pending migrations (serve, migrate); otherwise refuse to run on an out-of-date schema. */
  migrate?: boolean;
}

/** Opens the database, checks or applies migrations, and builds a context with all background work registered. */
export async function openContext(config: Config, options: OpenOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config.DATABASE_URL, { poolSize: config.PG_POOL_SIZE });
  try {
    if (options.migrate) {
      const applied = await migrate(database, migrations);
      if (applied.length > 0) logger.info({ applied }, 'database migrated');
    } else {
      const status = await migrationStatus(database, migrations);
      if (status.pending.length > 0) {
        throw new StartupError(
          `The database at ${database.displayUrl} needs migrating (${status.pending.join(', ')} pending); run "duely migrate" first.`,
        );
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const ctx = createContext({ config, database, logger, ...(options.clock ? { clock: options.clock } : {}) });
  registerBackgroundWork(ctx);
  return ctx;
}

export function registerBackgroundWork(ctx: AppContext): void {
  for (const module of MODULES) module.register?.(ctx);
  registerMaintenance(ctx);
  registerMailSender(ctx);
  // Last: it turns every subscriber the modules registered into a delivery job.
  registerEventDelivery(ctx);
}

export function allSchedules(ctx: AppContext): ScheduleDefinition[] {
  return [maintenanceSchedule(ctx), ...MODULES.flatMap((m) => m.schedules?.(ctx) ?? [])];
}

export function createRunner(ctx: AppContext, metrics?: Metrics, workerId?: string): JobRunner {
  return new JobRunner(ctx, {
    concurrency: ctx.config.WORKER_CONCURRENCY,
    pollMs: ctx.config.WORKER_POLL_MS,
    ...(workerId ? { workerId } : {}),
    onJobFinished: (name, outcome, ms) => {
      if (metrics && (outcome === 'done' || outcome === 'retry' || outcome === 'dead'))
        metrics.jobFinished(name, outcome, ms);
    },
  });
}

export async function startBackground(ctx: AppContext, runner: JobRunner): Promise<void> {
  await syncSchedules(ctx, allSchedules(ctx));
  runner.start();
}

const metaSchema = z.object({
  version: z.string(),
  roles: z.array(z.string()),
  timezone: z.string(),
  baseCurrency: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});

function metaRoutes(ctx: AppContext): RoutePlugin {
  return (app) => {
    app.get(
      '/api/meta',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['meta'], summary: 'Version and company settings', response: { 200: metaSchema } },
      },
      async () => ({
        version: VERSION,
        roles: [...ROLES],
        timezone: ctx.config.TIMEZONE,
        baseCurrency: ctx.config.BASE_CURRENCY,
        database: ctx.dialect,
      }),
    );
  };
}

export async function buildServer(
  ctx: AppContext,
  metrics: Metrics,
  options: { serveWeb?: boolean; logRequests?: boolean } = {},
): Promise<App> {
  const app = await createHttpServer(ctx, {
    authenticator: createAuthenticator(ctx),
    metrics,
    version: VERSION,
    logRequests: options.logRequests ?? true,
    routes: [
      metaRoutes(ctx),
      auditRoutes(ctx),
      adminRoutes(ctx),
      ...MODULES.flatMap((m) => (m.routes ? [m.routes(ctx)] : [])),
    ],
    ...(options.serveWeb === false ? {} : { webRoot: WEB_ROOT }),
  });
  await app.ready();
  return app;
}
