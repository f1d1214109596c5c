/** Shared set-up for the credit and disputes tests: customers, issued invoices, payments, running jobs. */
import { createCustomer } from '../../src/modules/customers/index.js';
import { recordPayment } from '../../src/modules/payments/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';

export { makeDocument, openAmountOf } from './payments.support.js';

let seq = 0;

export async function customerWith(
  ctx: AppContext,
  actor: Actor,
  fields: { currency?: string; creditLimit?: number | null; ownerId?: string | null } = {},
) {
  return createCustomer(ctx, actor, {
    legalName: `Credit Customer ${++seq} SAS`,
    billingAddress: { line1: '3 quai de Bercy', postalCode: '75012', city: 'Paris', country: 'FR' },
    currency: fields.currency ?? 'EUR',
    paymentTerms: { kind: 'net', days: 30 },
    creditLimit: fields.creditLimit ?? null,
    ownerId: fields.ownerId ?? null,
  } as Parameters<typeof createCustomer>[2]);
}

export async function pay(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  amount: number,
  currency = 'EUR',
) {
  return recordPayment(ctx, actor, {
    method: 'bank_transfer',
    customerId,
    amount,
    currency,
    receivedDate: '2026-12-01',
    reference: null,
    notes: null,
    payerName: null,
    payerIban: null,
    bankReference: null,
    valueDate: null,
    autoAllocate: true,
  } as Parameters<typeof recordPayment>[2]);
}

/** Runs queued jobs (event deliveries, mail) until none is left to run now. */
export async function drainJobs(ctx: AppContext): Promise<void> {
  const runner = new JobRunner(ctx, { concurrency: 1, pollMs: 1000, backoff: { baseMs: 60_000, jitter: 0 } });
  for (let i = 0; i < 50; i++) if ((await runner.runOnce()) === 0) return;
  throw new Error('jobs kept coming after 50 rounds');
}
