/** The shipments' shapes at the HTTP boundary (carriers and tracking have their own). */
import { z } from 'zod';
import { SHIPMENT_STATUSES } from './lifecycle.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const id = z.string().trim().min(1, 'is required').max(100);
const quantity = z
  .number({ error: 'must be a whole number of units' })
  .int('must be a whole number of units')
  .positive('must be at least 1')
  .max(1_000_000_000, 'must be at most 1000000000');
const millimetres = z
  .number({ error: 'must be a whole number of millimetres' })
  .int('must be a whole number of millimetres')
  .positive('must be at least 1')
  .max(100_000, 'must be at most 100000');

export const shipmentLineInputSchema = z.strictObject({
  orderLineId: id.describe('A line of the order'),
  quantity,
});

export const createShipmentSchema = z.strictObject({
  orderId: id,
  lines: z
    .array(shipmentLineInputSchema)
    .min(1, 'must contain at least one line')
    .max(500, 'must contain at most 500 lines')
    .optional()
    .describe('Default: every open line, for what is not already on another open shipment'),
});
export type CreateShipmentInput = z.infer<typeof createShipmentSchema>;

export const replacementShipmentSchema = z.strictObject({
  orderId: id,
  lines: z
    .array(shipmentLineInputSchema)
    .min(1, 'must contain at least one line')
    .max(500, 'must contain at most 500 lines'),
  reason: text(1000),
  disputeId: id.nullish().transform((v) => v ?? null),
  replacementFor: id
    .nullish()
    .transform((v) => v ?? null)
    .describe('The shipment being replaced, if known'),
});
export type ReplacementShipmentInput = z.input<typeof replacementShipmentSchema>;

export const PACKAGING_TYPES = ['carton', 'pallet', 'envelope', 'crate', 'drum', 'bag', 'tube'] as const;

export const packageInputSchema = z.strictObject({
  packaging: z.enum(PACKAGING_TYPES).default('carton'),
  weightGrams: z
    .number({ error: 'must be a whole number of grams' })
    .int('must be a whole number of grams')
    .positive('must be at least 1')
    .max(50_000_000, 'must be at most 50000000'),
  dimensionsMm: z.strictObject({ length: millimetres, width: millimetres, height: millimetres }).nullish(),
  contents: z
    .array(z.strictObject({ shipmentLineId: id, quantity }))
    .min(1, 'must contain at least one line')
    .max(500)
    .optional()
    .describe('Which shipment lines are in the package; may be left out when there is one package'),
});

export const packShipmentSchema = z.strictObject({
  packages: z
    .array(packageInputSchema)
    .min(1, 'must contain at least one package')
    .max(999, 'must contain at most 999 packages'),
});
export type PackShipmentInput = z.input<typeof packShipmentSchema>;

export const FREIGHT_TERMS = ['prepaid', 'collect', 'third_party'] as const;

export const shipShipmentSchema = z.strictObject({
  carrierId: id,
  service: text(80),
  trackingNumbers: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/, 'must be 4–40 letters, digits and dashes'),
    )
    .min(1, 'must contain at least one tracking number')
    .max(999, 'must contain at most 999 tracking numbers')
    .refine((v) => new Set(v).size === v.length, 'lists a tracking number twice'),
  proNumber: text(40)
    .nullish()
    .transform((v) => v ?? null),
  freightTerms: z.enum(FREIGHT_TERMS).default('prepaid'),
  override: z
    .strictObject({ reason: text(1000) })
    .nullish()
    .transform((v) => v ?? undefined)
    .describe('Ship despite a credit hold (needs the permission; audited)'),
});
export type ShipShipmentInput = z.input<typeof shipShipmentSchema>;

export const cancelShipmentSchema = z.strictObject({
  reason: text(1000)
    .nullish()
    .transform((v) => v ?? null),
});

export const invoiceFromShipmentSchema = z.strictObject({
  taxCategory: z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']).default('S'),
  taxRate: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage like "20"')
    .optional()
    .describe('Percent; required for category S'),
});
export type InvoiceFromShipmentInput = z.infer<typeof invoiceFromShipmentSchema>;

export const listShipmentsQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : undefined))
    .refine((v) => v === undefined || v.every((s) => (SHIPMENT_STATUSES as readonly string[]).includes(s)), {
      message: `must be one or more of ${SHIPMENT_STATUSES.join(', ')}, comma-separated`,
    }),
  carrierId: id.optional(),
  orderId: id.optional(),
  customerId: id.optional(),
});

// ── Out ──────────────────────────────────────────────────────────────────────────────────────────

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
});

export const shipmentLineSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  orderLineId: z.string(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
});

export const packageSchema = z.object({
  id: z.string(),
  sequence: z.number().int(),
  sscc: z.string().describe('SSCC-18 (GS1, with check digit)'),
  ssccText: z.string().describe('Human-readable form, e.g. (00) 0 0614141 000000001 7'),
  packaging: z.string(),
  weightGrams: z.number().int(),
  dimensionsMm: z.object({ length: z.number(), width: z.number(), height: z.number() }).nullable(),
  contents: z.array(z.object({ shipmentLineId: z.string(), quantity: z.number().int() })),
});

export const trackingNumberSchema = z.object({
  carrierId: z.string(),
  trackingNumber: z.string(),
  url: z.string().nullable().describe("From the carrier's tracking URL template"),
});

export const shipmentDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(['pick_list', 'packing_list', 'label_pdf', 'label_zpl', 'bill_of_lading']),
  packageId: z.string().nullable(),
  filename: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  url: z.string().describe('Download (inline; add ?download=1 for an attachment)'),
});
export type ShipmentDocument = z.infer<typeof shipmentDocumentSchema>;

export const shipmentSchema = z.object({
  id: z.string(),
  number: z.string().describe('SHP-YYYY-NNNNNN'),
  kind: z.enum(['regular', 'replacement']),
  status: z.enum(SHIPMENT_STATUSES),
  orderId: z.string(),
  orderNumber: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  warehouseId: z.string(),
  carrier: z
    .object({ id: z.string(), code: z.string(), name: z.string(), scac: z.string().nullable() })
    .nullable(),
  service: z.string().nullable(),
  proNumber: z.string().nullable(),
  freightTerms: z.string().nullable(),
  replacementFor: z.string().nullable(),
  replacementReason: z.string().nullable(),
  disputeId: z.string().nullable(),
  invoiceId: z.string().nullable(),
  shipTo: addressOut,
  pickedAt: z.string().nullable(),
  packedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  lostAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(shipmentLineSchema),
  packages: z.array(packageSchema),
  trackingNumbers: z.array(trackingNumberSchema),
  documents: z.array(shipmentDocumentSchema),
});
export type Shipment = z.infer<typeof shipmentSchema>;
