/**
 * Policies (named, ordered steps with actions), the default policy, and per-customer settings (own
 * policy, exclusion). Every change is checked in full before anything is written: a policy with an
 * error is not saved at all. Changes that affect when invoices are followed reschedule their items.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findCustomerIn } from '../customers/index.js';
import { rescheduleItems } from './items.js';
import { checkSteps, type StepAction, type Tone } from './rules.js';
import type { CustomerSettingsInput, Policy, PolicyInput } from './schemas.js';
import type { FollowupTables, PolicyRow, StepRow } from './tables.js';

const q = (db: AnyDb): Kysely<FollowupTables> => tables<FollowupTables>(db);

export interface LoadedStep {
  id: string;
  position: number;
  name: string;
  offsetDays: number;
  tone: Tone;
  actions: StepAction[];
}

export const toStep = (row: StepRow): LoadedStep => ({
  id: row.id,
  position: Number(row.position),
  name: row.name,
  offsetDays: Number(row.offset_days),
  tone: row.tone as Tone,
  actions: JSON.parse(row.actions) as StepAction[],
});

function toPolicy(row: PolicyRow, steps: readonly StepRow[]): Policy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isDefault: Number(row.is_default) === 1,
    steps: steps.map(toStep) as Policy['steps'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The steps of some policies, by policy id, in firing order. */
export async function stepsOf(db: AnyDb, policyIds: readonly string[]): Promise<Map<string, LoadedStep[]>> {
  const result = new Map<string, LoadedStep[]>(policyIds.map((id) => [id, []]));
  if (policyIds.length === 0) return result;
  const rows = await q(db)
    .selectFrom('followup_policy_steps')
    .selectAll()
    .where('policy_id', 'in', [...policyIds])
    .orderBy('policy_id')
    .orderBy('position')
    .execute();
  for (const row of rows) result.get(row.policy_id)?.push(toStep(row));
  return result;
}

export async function listPolicies(db: AnyDb): Promise<Policy[]> {
  const rows = await q(db).selectFrom('followup_policies').selectAll().orderBy('name').execute();
  const steps = await q(db).selectFrom('followup_policy_steps').selectAll().orderBy('position').execute();
  return rows.map((r) =>
    toPolicy(
      r,
      steps.filter((s) => s.policy_id === r.id),
    ),
  );
}

export async function getPolicy(db: AnyDb, id: string): Promise<Policy> {
  const row = await q(db).selectFrom('followup_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('policy', id);
  const steps = await q(db)
    .selectFrom('followup_policy_steps')
    .selectAll()
    .where('policy_id', '=', id)
    .orderBy('position')
    .execute();
  return toPolicy(row, steps);
}

export async function defaultPolicyId(db: AnyDb): Promise<string | null> {
  const row = await q(db)
    .selectFrom('followup_policies')
    .select('id')
    .where('is_default', '=', 1)
    .executeTakeFirst();
  return row?.id ?? null;
}

function checkPolicy(input: PolicyInput): void {
  const errors = checkSteps(input.steps as Parameters<typeof checkSteps>[0]);
  if (errors.length > 0)
    throw validationError(
      `The policy "${input.name}" has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was saved: ${errors[0]!.message}${errors.length > 1 ? ' …' : ''}`,
      errors,
    );
}

async function checkName(db: AnyDb, name: string, exceptId: string | null): Promise<void> {
  let query = q(db).selectFrom('followup_policies').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst())
    throw conflict(`A policy named "${name}" already exists.`, [
      { path: 'name', message: 'is already used' },
    ]);
}

async function writeSteps(tx: Tx, policyId: string, input: PolicyInput): Promise<void> {
  await q(tx.db).deleteFrom('followup_policy_steps').where('policy_id', '=', policyId).execute();
  if (input.steps.length === 0) return;
  await q(tx.db)
    .insertInto('followup_policy_steps')
    .values(
      input.steps.map((step, i) => ({
        id: newId('followup_step'),
        policy_id: policyId,
        position: i + 1,
        name: step.name,
        offset_days: step.offsetDays,
        tone: step.tone,
        actions: JSON.stringify(step.actions),
      })),
    )
    .execute();
}

async function makeDefault(tx: Tx, policyId: string): Promise<string | null> {
  const previous = await defaultPolicyId(tx.db);
  if (previous === policyId) return null;
  await q(tx.db)
    .updateTable('followup_policies')
    .set({ is_default: 0 })
    .where('is_default', '=', 1)
    .execute();
  await q(tx.db).updateTable('followup_policies').set({ is_default: 1 }).where('id', '=', policyId).execute();
  return previous;
}

export async function createPolicy(ctx: AppContext, actor: Actor, input: PolicyInput): Promise<Policy> {
  checkPolicy(input);
  const id = await transaction(ctx, actor, async (tx) => {
    await checkName(tx.db, input.name, null);
    const id = newId('followup_policy');
    await q(tx.db)
      .insertInto('followup_policies')
      .values({
        id,
        name: input.name,
        description: input.description ?? null,
        is_default: 0,
        created_at: tx.now,
        updated_at: tx.now,
      })
      .execute();
    await writeSteps(tx, id, input);
    const hasDefault = (await defaultPolicyId(tx.db)) !== null;
    if (input.isDefault || !hasDefault) {
      const previous = await makeDefault(tx, id);
      if (previous) await rescheduleItems(tx, { defaultChangedFrom: previous });
    }
    tx.audit({
      action: 'followup.policy_created',
      entityType: 'followup_policy',
      entityId: id,
      after: input,
    });
    return id;
  });
  return getPolicy(ctx.db, id);
}

export async function updatePolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PolicyInput,
): Promise<Policy> {
  checkPolicy(input);
  await transaction(ctx, actor, async (tx) => {
    const before = await getPolicy(tx.db, id);
    await checkName(tx.db, input.name, id);
    if (before.isDefault && input.isDefault === false)
      throw conflict(`"${before.name}" is the default policy; make another policy the default instead.`, [
        { path: 'isDefault', message: 'the default policy cannot be un-set; choose another default' },
      ]);
    await q(tx.db)
      .updateTable('followup_policies')
      .set({ name: input.name, description: input.description ?? null, updated_at: tx.now })
      .where('id', '=', id)
      .execute();
    await writeSteps(tx, id, input);
    const previous = input.isDefault ? await makeDefault(tx, id) : null;
    await rescheduleItems(tx, { policyId: id });
    if (previous) await rescheduleItems(tx, { defaultChangedFrom: previous });
    tx.audit({
      action: 'followup.policy_updated',
      entityType: 'followup_policy',
      entityId: id,
      before,
      after: input,
    });
  });
  return getPolicy(ctx.db, id);
}

export async function deletePolicy(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const before = await getPolicy(tx.db, id);
    if (before.isDefault)
      throw conflict(
        `"${before.name}" is the default policy; make another policy the default before deleting it.`,
      );
    const customers = await q(tx.db)
      .selectFrom('followup_customer_settings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('policy_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(customers.n) > 0)
      throw conflict(
        `"${before.name}" is the policy of ${Number(customers.n)} customer(s); give them another policy first.`,
      );
    await q(tx.db).deleteFrom('followup_policy_steps').where('policy_id', '=', id).execute();
    await q(tx.db).deleteFrom('followup_policies').where('id', '=', id).execute();
    tx.audit({ action: 'followup.policy_deleted', entityType: 'followup_policy', entityId: id, before });
  });
}

// ── Customer settings ────────────────────────────────────────────────────────────────────────────

export interface CustomerSettings {
  customerId: string;
  policyId: string | null;
  effectivePolicyId: string | null;
  excluded: boolean;
  exclusionReason: string | null;
  updatedAt: string | null;
}

export async function getCustomerSettings(db: AnyDb, customerId: string): Promise<CustomerSettings> {
  if (!(await findCustomerIn(db, customerId))) throw notFound('customer', customerId);
  const row = await q(db)
    .selectFrom('followup_customer_settings')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  const excluded = Number(row?.excluded ?? 0) === 1;
  return {
    customerId,
    policyId: row?.policy_id ?? null,
    effectivePolicyId: excluded ? null : (row?.policy_id ?? (await defaultPolicyId(db))),
    excluded,
    exclusionReason: row?.exclusion_reason ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function setCustomerSettings(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: CustomerSettingsInput,
): Promise<CustomerSettings> {
  await transaction(ctx, actor, async (tx) => {
    const before = await getCustomerSettings(tx.db, customerId);
    if (input.policyId) {
      const policy = await q(tx.db)
        .selectFrom('followup_policies')
        .select('id')
        .where('id', '=', input.policyId)
        .executeTakeFirst();
      if (!policy)
        throw validationError(`No policy with id "${input.policyId}".`, [
          { path: 'policyId', message: 'is not a known policy' },
        ]);
    }
    const values = {
      policy_id: input.policyId,
      excluded: input.excluded ? 1 : 0,
      exclusion_reason: input.excluded ? (input.exclusionReason ?? null) : null,
      updated_at: tx.now,
    };
    await q(tx.db)
      .insertInto('followup_customer_settings')
      .values({ customer_id: customerId, ...values })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet(values))
      .execute();
    await rescheduleItems(tx, { customerId });
    tx.audit({
      action: 'followup.customer_settings_changed',
      entityType: 'customer',
      entityId: customerId,
      before,
      after: input,
    });
  });
  return getCustomerSettings(ctx.db, customerId);
}
