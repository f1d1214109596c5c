/** Tracking shapes at the HTTP boundary (zod in and out). */
import { z } from 'zod';
import { TRACKING_STATUSES } from '../tracking-status.js';

export const trackingStatusSchema = z.enum(TRACKING_STATUSES);

export const trackingStateSchema = z.object({
  status: trackingStatusSchema,
  substatus: z.string().nullable(),
  reason: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  eta: z.string().nullable().describe('The carrier’s latest delivery estimate'),
  deliveredAt: z.string().nullable(),
  flagged: z
    .boolean()
    .describe('Some event carried a carrier code Duely does not know (kept raw, to review)'),
  flaggedEvents: z.number().int(),
  events: z.number().int(),
});
export type TrackingStateView = z.infer<typeof trackingStateSchema>;

export const trackingEventSchema = z.object({
  id: z.string(),
  carrierId: z.string(),
  eventId: z.string(),
  trackingNumber: z.string(),
  occurredAt: z.string().describe('The carrier’s event time (UTC)'),
  receivedAt: z.string(),
  status: trackingStatusSchema,
  substatus: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  eta: z.string().nullable(),
  flagged: z.boolean(),
  rawCode: z.string(),
  rawText: z.string(),
  format: z.string(),
  source: z.enum(['webhook', 'csv', 'manual', 'unmatched']),
});
export type TrackingEventView = z.infer<typeof trackingEventSchema>;

export const notificationSchema = z.object({
  key: z.string(),
  status: z.string(),
  substatus: z.string().nullable(),
  eventId: z.string().nullable(),
  outcome: z
    .enum(['pending', 'queued', 'superseded', 'not_mailed', 'no_recipient'])
    .describe('pending: to be mailed by the tracking effects (right after a webhook)'),
  mailId: z.string().nullable(),
  createdAt: z.string(),
});

export const shipmentTrackingSchema = z.object({
  shipmentId: z.string(),
  state: trackingStateSchema,
  events: z.array(trackingEventSchema).describe('Oldest first, by carrier time'),
  notifications: z.array(notificationSchema).describe('Customer updates recorded (each at most once)'),
});

export const ingestResultSchema = z.object({
  received: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  unmatched: z.number().int(),
  flagged: z.number().int(),
});

export const manualEventSchema = z.strictObject({
  occurredAt: z
    .string()
    .refine((s) => /(Z|[+-]\d{2}:\d{2})$/i.test(s.trim()) && !Number.isNaN(Date.parse(s)), {
      message: 'must be an ISO 8601 date and time with a zone offset or Z',
    })
    .describe('When it happened (carrier time), e.g. 2026-12-04T14:30:00+01:00'),
  status: trackingStatusSchema,
  substatus: z.string().trim().min(1).max(100).nullish(),
  reason: z.string().trim().max(2000).nullish(),
  location: z.string().trim().max(200).nullish(),
  eta: z.string().trim().max(40).nullish().describe('Expected delivery, YYYY-MM-DD or an instant'),
  trackingNumber: z.string().trim().min(1).max(100).optional().describe('Default: the shipment’s first'),
  eventId: z.string().trim().min(1).max(200).optional().describe('Default: a new unique id'),
  note: z.string().trim().max(2000).optional().describe('Kept as the raw text (e.g. "customer phoned")'),
});
export type ManualEventInput = z.infer<typeof manualEventSchema>;

export const unmatchedEventSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  status: trackingStatusSchema,
  substatus: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  flagged: z.boolean(),
  rawCode: z.string(),
  rawText: z.string(),
  source: z.string(),
});

export const unmatchedSchema = z.object({
  id: z.string().describe('Names the (carrier, tracking number) group: use it to resolve or dismiss'),
  carrierId: z.string(),
  carrierCode: z.string().nullable(),
  trackingNumber: z.string(),
  state: z.enum(['open', 'resolved', 'dismissed']),
  events: z.number().int(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  lastOccurredAt: z.string(),
});
export type UnmatchedView = z.infer<typeof unmatchedSchema>;

export const unmatchedDetailSchema = unmatchedSchema.extend({
  shipmentId: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(unmatchedEventSchema),
});

export const resolveUnmatchedSchema = z.strictObject({
  shipmentId: z.string().min(1).max(100).describe('The shipment the tracking number belongs to'),
});
export const dismissUnmatchedSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
