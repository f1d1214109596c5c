/** The disputes module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { pageQuerySchema } from '../../platform/http/pagination.js';
import { DISPUTE_REASONS, DISPUTE_STATUSES, RESOLUTIONS } from './rules.js';

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);
const id = z.string({ error: 'is required' }).trim().min(1, 'is required').max(100);
const amount = z
  .number({ error: 'must be a whole number of minor units' })
  .int('must be a whole number of minor units (cents)')
  .positive('must be more than 0')
  .max(Number.MAX_SAFE_INTEGER);

export const reasonSchema = z.enum(DISPUTE_REASONS, {
  error: `must be one of ${DISPUTE_REASONS.join(', ')}`,
});
export const statusSchema = z.enum(DISPUTE_STATUSES);
export const resolutionSchema = z.enum(RESOLUTIONS, { error: `must be one of ${RESOLUTIONS.join(', ')}` });

export const openDisputeSchema = z.strictObject({
  invoiceId: id,
  amount: amount
    .optional()
    .describe("The disputed part, minor units; default: the invoice's whole open amount"),
  reason: reasonSchema,
  description: text(5000),
  ownerUserId: id.nullish().describe('Default: the user opening the case'),
  deadline: businessDateSchema.nullish().describe('Default: 14 days from today'),
});
export type OpenDisputeInput = z.infer<typeof openDisputeSchema>;

export const updateDisputeSchema = z.strictObject({
  ownerUserId: id.nullable().optional(),
  deadline: businessDateSchema.nullable().optional(),
});
export type UpdateDisputeInput = z.infer<typeof updateDisputeSchema>;

export const commentSchema = z.strictObject({ body: text(5000) });

export const statusChangeSchema = z.strictObject({
  status: z.literal('investigating', { error: 'must be investigating (resolve or reject through /resolve)' }),
  note: text(2000).optional(),
});

const reshipLine = z.strictObject({
  orderLineId: id,
  quantity: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .positive('must be more than 0'),
});

export const resolveSchema = z.strictObject({
  resolution: resolutionSchema,
  note: text(2000).describe('Why: shown on the timeline and, for a write-off, its reason'),
  amount: amount.optional().describe('credit_note / write_off: default the disputed amount'),
  orderId: id.optional().describe('reship: the order whose lines are sent again'),
  lines: z
    .array(reshipLine)
    .min(1, 'needs at least one line')
    .max(200)
    .optional()
    .describe('reship: what is sent again'),
});
export type ResolveInput = z.infer<typeof resolveSchema>;

export const listQuerySchema = pageQuerySchema.extend({
  customerId: id.optional(),
  invoiceId: id.optional(),
  status: z
    .union([statusSchema, z.array(statusSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true: open and investigating only'),
  ownerUserId: id.optional(),
  reason: reasonSchema.optional(),
});

export const disputeSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  currency: z.string(),
  amount: z.number().int(),
  reason: reasonSchema,
  status: statusSchema,
  ownerUserId: z.string().nullable(),
  deadline: z.string().nullable(),
  description: z.string(),
  resolution: resolutionSchema.nullable(),
  resolutionNote: z.string().nullable(),
  resolutionRef: z.string().nullable().describe('The credit note, write-off or replacement shipment id'),
  resolving: z.boolean().describe('A resolution is being carried out'),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dispute = z.infer<typeof disputeSchema>;

export const disputeEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  body: z.string().nullable(),
  data: z.unknown().nullable(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
});
export type DisputeEvent = z.infer<typeof disputeEventSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const disputeDetailSchema = disputeSchema.extend({
  timeline: z.array(disputeEventSchema),
  attachments: z.array(attachmentSchema),
  allowedStatuses: z.array(statusSchema),
});
export type DisputeDetail = z.infer<typeof disputeDetailSchema>;
