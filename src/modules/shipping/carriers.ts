/**
 * The carrier registry (on the `carriers` table of migration 0010): name, code, SCAC, tracking URL
 * template, webhook format and webhook secret, active flag. Administrators and logistics manage it.
 *
 * The webhook secret is sealed at rest (AES-GCM, platform/auth/sealing.ts, purpose
 * `carrier-webhook-secrets`); the API never returns it except once, in the response of the call that
 * set or generated it. Each carrier's webhook URL is `/api/webhooks/tracking/<code>`.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { createSealer, type Sealer } from '../../platform/auth/sealing.js';
import type { AppContext } from '../../platform/context.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { conflict, notFound } from '../../platform/errors.js';
import { definePermission } from '../../platform/http/access.js';
import { newId } from '../../platform/ids.js';
import { TRACKING_FORMATS, type TrackingFormat } from './carrier-formats.js';

export const carriersPermissions = {
  /** The registry (never the secrets): every role, to show carriers on shipments. */
  read: definePermission('carriers.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Create, change, set or rotate the webhook secret. */
  write: definePermission('carriers.write', ['admin', 'logistics']),
} as const;

/** The `carriers` table (migration 0010_shipments). */
export interface CarriersTables {
  carriers: {
    id: string;
    code: string;
    name: string;
    scac: string | null;
    tracking_url_template: string | null;
    webhook_format: string;
    webhook_secret_sealed: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
}
export type CarrierRow = CarriersTables['carriers'];

const q = (db: AnyDb): Kysely<CarriersTables> => tables<CarriersTables>(db);

// ── Schemas ──────────────────────────────────────────────────────────────────────────────────────

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const codeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(CODE, 'must be 1–40 lower-case letters, digits, "_" or "-", e.g. ups or dhl-express');
const scacSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,4}$/, 'must be a SCAC of 2–4 letters, e.g. UPSN');
const templateSchema = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
  .refine((v) => v.includes('{trackingNumber}'), 'must contain {trackingNumber}');
const secretSchema = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(200)
  .refine((v) => !/\s/.test(v), 'must not contain spaces');

export const createCarrierSchema = z.strictObject({
  code: codeSchema,
  name: z.string().trim().min(1).max(200),
  scac: scacSchema.nullish(),
  trackingUrlTemplate: templateSchema.nullish(),
  webhookFormat: z.enum(TRACKING_FORMATS).default('duely'),
  webhookSecret: secretSchema
    .optional()
    .describe('The secret the sender signs with; omit to have Duely generate one (returned once)'),
  active: z.boolean().default(true),
});
export type CreateCarrierInput = z.input<typeof createCarrierSchema>;

export const updateCarrierSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  scac: scacSchema.nullish(),
  trackingUrlTemplate: templateSchema.nullish(),
  webhookFormat: z.enum(TRACKING_FORMATS).optional(),
  active: z.boolean().optional(),
});
export type UpdateCarrierInput = z.input<typeof updateCarrierSchema>;

export const setSecretSchema = z.strictObject({
  secret: secretSchema.optional().describe('Omit to generate a new random secret'),
});

export const carrierSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  scac: z.string().nullable(),
  trackingUrlTemplate: z.string().nullable(),
  webhookFormat: z.enum(TRACKING_FORMATS),
  webhookSecretSet: z.boolean(),
  webhookUrl: z.string().describe('Where this carrier (or its tracking service) posts its updates'),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Carrier = z.infer<typeof carrierSchema>;

// ── Mapping, sealing ─────────────────────────────────────────────────────────────────────────────

export const webhookPath = (code: string) => `/api/webhooks/tracking/${code}`;

export function toCarrier(row: CarrierRow, baseUrl: string): Carrier {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    scac: row.scac,
    trackingUrlTemplate: row.tracking_url_template,
    webhookFormat: row.webhook_format as TrackingFormat,
    webhookSecretSet: row.webhook_secret_sealed !== null,
    webhookUrl: `${baseUrl}${webhookPath(row.code)}`,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const sealers = new Map<string, Sealer>();
function sealerOf(ctx: Pick<AppContext, 'config'>): Sealer {
  let sealer = sealers.get(ctx.config.SECRET);
  if (!sealer) {
    sealer = createSealer(ctx.config.SECRET, 'carrier-webhook-secrets');
    sealers.set(ctx.config.SECRET, sealer);
  }
  return sealer;
}

/** The carrier's webhook secret in clear, for verifying a request; null when none is set. */
export function webhookSecretOf(ctx: Pick<AppContext, 'config'>, row: CarrierRow): string | null {
  return row.webhook_secret_sealed === null ? null : sealerOf(ctx).open(row.webhook_secret_sealed);
}

export const generateWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

export const findCarrierRow = (db: AnyDb, id: string) =>
  q(db).selectFrom('carriers').selectAll().where('id', '=', id).executeTakeFirst();

export const findCarrierRowByCode = (db: AnyDb, code: string) =>
  q(db).selectFrom('carriers').selectAll().where('code', '=', code.toLowerCase()).executeTakeFirst();

export async function carrierRowsByIds(db: AnyDb, ids: readonly string[]): Promise<Map<string, CarrierRow>> {
  if (ids.length === 0) return new Map();
  const rows = await q(db)
    .selectFrom('carriers')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listCarriers(
  ctx: AppContext,
  filter: { active?: boolean | undefined } = {},
): Promise<Carrier[]> {
  let query = q(ctx.db).selectFrom('carriers').selectAll().orderBy('code');
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  return (await query.execute()).map((r) => toCarrier(r, ctx.config.BASE_URL));
}

export async function getCarrier(ctx: AppContext, id: string): Promise<Carrier> {
  const row = await findCarrierRow(ctx.db, id);
  if (!row) throw notFound('carrier', id);
  return toCarrier(row, ctx.config.BASE_URL);
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────────

export interface CarrierWithSecret {
  carrier: Carrier;
  /** Present only in the response of the call that set or generated it. */
  webhookSecret?: string;
}

export async function createCarrier(
  ctx: AppContext,
  actor: Actor,
  input: CreateCarrierInput,
): Promise<CarrierWithSecret> {
  const data = createCarrierSchema.parse(input);
  const secret = data.webhookSecret ?? generateWebhookSecret();
  return transaction(ctx, actor, async (tx) => {
    if (await findCarrierRowByCode(tx.db, data.code))
      throw conflict(`A carrier with code "${data.code}" already exists.`, [
        { path: 'code', message: 'is already used' },
      ]);
    const row: CarrierRow = {
      id: newId('carrier'),
      code: data.code,
      name: data.name,
      scac: data.scac ?? null,
      tracking_url_template: data.trackingUrlTemplate ?? null,
      webhook_format: data.webhookFormat,
      webhook_secret_sealed: sealerOf(ctx).seal(secret),
      active: data.active ? 1 : 0,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await q(tx.db).insertInto('carriers').values(row).execute();
    const carrier = toCarrier(row, ctx.config.BASE_URL);
    tx.audit({
      action: 'carrier.created',
      entityType: 'carrier',
      entityId: row.id,
      after: { ...carrier, keySource: data.webhookSecret ? 'given' : 'generated' },
    });
    return { carrier, webhookSecret: secret };
  });
}

export async function updateCarrier(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCarrierInput,
): Promise<Carrier> {
  const data = updateCarrierSchema.parse(input);
  return transaction(ctx, actor, async (tx) => {
    const before = await findCarrierRow(tx.db, id);
    if (!before) throw notFound('carrier', id);
    const changes: Partial<CarrierRow> = { updated_at: tx.now };
    if (data.name !== undefined) changes.name = data.name;
    if (data.scac !== undefined) changes.scac = data.scac ?? null;
    if (data.trackingUrlTemplate !== undefined)
      changes.tracking_url_template = data.trackingUrlTemplate ?? null;
    if (data.webhookFormat !== undefined) changes.webhook_format = data.webhookFormat;
    if (data.active !== undefined) changes.active = data.active ? 1 : 0;
    await q(tx.db).updateTable('carriers').set(changes).where('id', '=', id).execute();
    const after = { ...before, ...changes };
    tx.audit({
      action: 'carrier.updated',
      entityType: 'carrier',
      entityId: id,
      before: toCarrier(before, ctx.config.BASE_URL),
      after: toCarrier(after, ctx.config.BASE_URL),
    });
    return toCarrier(after, ctx.config.BASE_URL);
  });
}

/** Sets (or, without a secret, generates) a new webhook secret; the old one stops working at once. */
export async function setWebhookSecret(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.input<typeof setSecretSchema> = {},
): Promise<CarrierWithSecret> {
  const data = setSecretSchema.parse(input);
  const secret = data.secret ?? generateWebhookSecret();
  return transaction(ctx, actor, async (tx) => {
    const before = await findCarrierRow(tx.db, id);
    if (!before) throw notFound('carrier', id);
    const changes = { webhook_secret_sealed: sealerOf(ctx).seal(secret), updated_at: tx.now };
    await q(tx.db).updateTable('carriers').set(changes).where('id', '=', id).execute();
    tx.audit({
      action: before.webhook_secret_sealed ? 'carrier.webhook_secret_rotated' : 'carrier.webhook_secret_set',
      entityType: 'carrier',
      entityId: id,
      after: { keySource: data.secret ? 'given' : 'generated' },
    });
    return { carrier: toCarrier({ ...before, ...changes }, ctx.config.BASE_URL), webhookSecret: secret };
  });
}
