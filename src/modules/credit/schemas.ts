/** The credit module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { customerCurrencySchemaFor } from './currency.js';
import { HOLD_CAUSES } from './rules.js';

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);

export const causeSchema = z.enum(HOLD_CAUSES, { error: `must be one of ${HOLD_CAUSES.join(', ')}` });

export const holdSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  cause: causeSchema,
  sourceKey: z.string().nullable(),
  reason: z.string(),
  placedAt: z.string(),
  placedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  active: z.boolean(),
});

export const customerHoldsSchema = z.object({
  customerId: z.string(),
  onHold: z.boolean(),
  active: z.array(holdSchema),
  history: z.array(holdSchema).describe('Every hold, newest first, released ones included'),
});

export const heldCustomerSchema = holdSchema.extend({
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
});

export const placeHoldSchema = z.strictObject({ reason: text(2000) });
export const releaseSchema = z.strictObject({ reason: text(2000) });

export const listHoldsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  cause: causeSchema.optional(),
});

export const settingSchema = z.object({
  currency: z.string(),
  overdueThreshold: z.number().int(),
  overdueAfterDays: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const settingInputSchema = z.strictObject({
  overdueThreshold: z
    .number({ error: 'must be a whole number of minor units' })
    .int('must be a whole number of minor units (cents)')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER)
    .describe('On hold when the overdue balance is ABOVE this, minor units'),
  overdueAfterDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(0, 'must not be negative')
    .max(3650, 'must be at most 3650')
    .default(0)
    .describe('Only invoices more than this many days past due count'),
});

export const currencyParams = z.object({ currency: customerCurrencySchemaFor('currency') });

export const evaluationSchema = z.object({
  placed: z.number().int(),
  released: z.number().int(),
  holds: customerHoldsSchema,
});
