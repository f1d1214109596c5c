/** `duely followup run`: the follow-up run on demand (`--dry-run` prints what would happen and changes nothing). */
import { openContext } from '../app.js';
import { type FollowupRunResult, runFollowup, syncOpenInvoices } from '../modules/followup/index.js';
import { systemActor } from '../platform/auth/actor.js';
import { isBusinessDate } from '../platform/dates.js';
import { validationError } from '../platform/errors.js';
import { toDecimalString } from '../platform/money.js';
import { configFrom, type DatabaseFlags } from './common.js';
import { toTable } from './output.js';

export interface FollowupRunFlags extends DatabaseFlags {
  asOf?: string;
  dryRun?: boolean;
  customer?: string;
  format: 'table' | 'json';
}

export function renderRun(result: FollowupRunResult, format: 'table' | 'json'): string {
  if (format === 'json') return JSON.stringify(result, null, 2);
  const head = `Follow-up ${result.dryRun ? 'dry run (nothing was changed)' : 'run'} for ${result.asOf}: ${result.itemsDue} invoice(s) due, ${result.itemsClaimed} step(s) ${result.dryRun ? 'would fire' : 'fired'}, ${result.messages} email(s), ${result.fees} fee/interest invoice(s), ${result.tasks} task(s), ${result.holds} hold(s), ${result.itemsClosed} closed, ${result.failures.length} failure(s).`;
  const rows = result.actions.map((a) => [
    a.invoiceNumber,
    a.stepPosition,
    a.stepName,
    a.tone,
    a.kind,
    a.amount === null ? '' : `${toDecimalString({ amount: a.amount, currency: a.currency! })} ${a.currency}`,
    a.description,
  ]);
  const parts = [head];
  if (rows.length > 0)
    parts.push(toTable(['invoice', 'step', 'name', 'tone', 'action', 'amount', 'what'], rows));
  if (result.actionsTruncated) parts.push(`(only the first ${result.actions.length} actions are listed)`);
  for (const f of result.failures) parts.push(`FAILED for customer ${f.customerId}: ${f.message}`);
  return parts.join('\n\n');
}

export async function followupRun(flags: FollowupRunFlags): Promise<number> {
  if (flags.asOf !== undefined && !isBusinessDate(flags.asOf))
    throw validationError(`--as-of "${flags.asOf}" is not a date written YYYY-MM-DD (e.g. 2026-12-01).`);
  const ctx = await openContext(configFrom(flags), { migrate: false });
  try {
    const result = await runFollowup(
      ctx,
      { asOf: flags.asOf, dryRun: flags.dryRun ?? false, customerId: flags.customer },
      systemActor('cli'),
    );
    process.stdout.write(`${renderRun(result, flags.format)}\n`);
    return result.failures.length > 0 ? 1 : 0;
  } finally {
    await ctx.database.close();
  }
}

/** `duely followup sync`: creates the follow-up items of open invoices that have none (once, after upgrading). */
export async function followupSync(flags: DatabaseFlags): Promise<void> {
  const ctx = await openContext(configFrom(flags), { migrate: false });
  try {
    const result = await syncOpenInvoices(ctx, systemActor('cli'));
    process.stdout.write(
      `${result.seen} open invoice(s) checked, ${result.created} follow-up item(s) created.\n`,
    );
  } finally {
    await ctx.database.close();
  }
}
