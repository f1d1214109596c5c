/** Dispatch delays at the HTTP boundary. */
import { z } from 'zod';
import { pageQuerySchema } from '../../../platform/http/pagination.js';
import { DELAY_STATES } from './rules.js';

export const delayStateSchema = z.enum(DELAY_STATES);
export const entityTypeSchema = z.enum(['order', 'shipment']);

export const delayViewSchema = z.object({
  entityType: entityTypeSchema,
  entityId: z.string(),
  orderId: z.string().nullable(),
  customerId: z.string().nullable(),
  number: z.string().nullable(),
  state: delayStateSchema,
  reasons: z.array(z.string()),
  expectedDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  open: z.boolean(),
  evaluatedAt: z.string(),
  changedAt: z.string(),
});

export const delayListQuerySchema = pageQuerySchema.extend({
  entityType: entityTypeSchema.optional(),
  state: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : undefined))
    .refine((v) => v === undefined || v.every((s) => (DELAY_STATES as readonly string[]).includes(s)), {
      message: `must be one or more of ${DELAY_STATES.join(', ')}, comma-separated`,
    })
    .describe('Default: at_risk,late,stalled'),
  customerId: z.string().max(100).optional(),
  orderId: z.string().max(100).optional(),
});

export const delayDetailSchema = z.object({
  state: delayViewSchema.nullable(),
  notices: z.array(
    z.object({
      state: delayStateSchema,
      expectedDate: z.string().nullable(),
      messageId: z.string().nullable(),
      outcome: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const delaySettingsSchema = z.strictObject({
  atRiskDays: z.number().int().min(0).max(60),
  stalledDays: z.number().int().min(1).max(60),
  notifyCustomers: z.boolean(),
  notifyStates: z
    .array(z.enum(['at_risk', 'late', 'stalled']))
    .refine((v) => new Set(v).size === v.length, 'lists a state twice'),
});

export const evaluateBodySchema = z.strictObject({
  entityType: entityTypeSchema.optional(),
  id: z.string().min(1).max(100).optional(),
});
