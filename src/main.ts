#!/usr/bin/env node
/** The `duely` command line. */
import { Command, CommanderError, Option } from 'commander';
import {
  auditVerify,
  migrateCommand,
  seed,
  userAdd,
  userList,
  userPassword,
  userSetStatus,
} from './cli/admin.js';
import { EXIT, withDatabaseFlag } from './cli/common.js';
import { followupRun, followupSync } from './cli/followup.js';
import { reportAging } from './cli/report.js';
import { serve, worker } from './cli/serve.js';
import { AppError, StartupError } from './platform/errors.js';
import { VERSION } from './version.js';

const program = new Command()
  .name('duely')
  .description('Duely — payment and dispatch follow-up: invoices get paid, orders get delivered.')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

withDatabaseFlag(
  program
    .command('serve')
    .description(
      'run the web app and API (and, unless --no-worker, the job runner); migrates the database first',
    )
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .option('--no-worker', 'do not run background jobs in this process (run `duely worker` elsewhere)')
    .option('--no-migrate', 'refuse to start on a schema that needs migrating instead of migrating it'),
).action(serve);

withDatabaseFlag(
  program
    .command('worker')
    .description(
      'run only the job runner (jobs, schedules, event delivery, mail); several may run against PostgreSQL',
    )
    .option('-c, --concurrency <n>', 'jobs run at once (overrides WORKER_CONCURRENCY)'),
).action(worker);

withDatabaseFlag(
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--status', 'only show applied and pending migrations'),
).action(migrateCommand);

const user = program.command('user').description('manage users');
withDatabaseFlag(
  user
    .command('add')
    .description('create a user (prints a generated password unless --password is given)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--roles <roles>', 'comma-separated: admin, finance, sales, logistics, support, auditor')
    .option('--password <password>', 'initial password (at least 12 characters)'),
).action(userAdd);
withDatabaseFlag(
  user
    .command('list')
    .description('list users')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .option('--role <role>', 'only users with this role')
    .addOption(
      new Option('--status <status>', 'only active or disabled users').choices(['active', 'disabled']),
    ),
).action(userList);
withDatabaseFlag(
  user.command('disable').description('disable a user and end their sessions').argument('<email>'),
).action((email: string, flags) => userSetStatus(flags, email, 'disabled'));
withDatabaseFlag(user.command('enable').description('enable a disabled user').argument('<email>')).action(
  (email: string, flags) => userSetStatus(flags, email, 'active'),
);
withDatabaseFlag(
  user
    .command('password')
    .description("set a user's password (generates one unless --password is given) and end their sessions")
    .argument('<email>')
    .option('--password <password>', 'the new password (at least 12 characters)'),
).action((email: string, flags) => userPassword(flags, email));

const audit = program.command('audit').description('the tamper-evident audit trail');
withDatabaseFlag(
  audit.command('verify').description('check the hash chain; names every edited, deleted or reordered entry'),
).action(async (flags) => {
  process.exitCode = await auditVerify(flags);
});

const report = program.command('report').description('receivables reports');
withDatabaseFlag(
  report
    .command('aging')
    .description(
      'receivables aging as of a date: per currency, a row per customer and a total row (buckets by days past due)',
    )
    .option('--as-of <date>', "report date YYYY-MM-DD (default: today in the company's time zone)")
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .option('--currency <code>', 'only this currency (ISO 4217)')
    .option('--buckets <days>', 'ascending limits of the overdue buckets in days', '30,60,90'),
).action(reportAging);

const followup = program.command('followup').description('payment follow-up: reminders, fees, tasks, holds');
withDatabaseFlag(
  followup
    .command('run')
    .description(
      'run the follow-up now: each invoice due a step gets it once (safe to repeat; after a gap only the latest step fires)',
    )
    .option('--as-of <date>', "the date to run for, YYYY-MM-DD (default: today in the company's time zone)")
    .option('--dry-run', 'print what would happen and change nothing')
    .option('--customer <id>', 'only this customer')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')),
).action(async (flags) => {
  process.exitCode = await followupRun(flags);
});
withDatabaseFlag(
  followup
    .command('sync')
    .description(
      'create the follow-up items of open invoices that have none (once, after upgrading to follow-up)',
    ),
).action(followupSync);

withDatabaseFlag(
  program
    .command('seed')
    .description('add data to try Duely with')
    .option('--demo', 'demonstration data for every module'),
).action(seed);

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT.config;
      return;
    }
    if (error instanceof AppError) {
      process.stderr.write(`Error: ${error.message}\n`);
      process.exitCode = error.status === 400 ? EXIT.usage : EXIT.failure;
      return;
    }
    process.stderr.write(`Error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.failure;
  }
}

await main();
