/** The orders module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { ORDER_STATUSES } from '../shipping/lifecycle.js';
import { INCOTERMS_2020 } from './rules.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const id = z.string().trim().min(1, 'is required').max(100);

export const addressSchema = z.strictObject({
  line1: text(200),
  line2: optionalText(200),
  postalCode: optionalText(20),
  city: text(100),
  region: optionalText(100),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z]{2}$/.test(v), 'must be an ISO 3166-1 alpha-2 country code, e.g. FR'),
});
export type Address = z.infer<typeof addressSchema>;

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
});

export const incotermSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => (INCOTERMS_2020 as readonly string[]).includes(v), {
    message: `must be an Incoterms 2020 rule: ${INCOTERMS_2020.join(', ')}`,
  });

export const lineInputSchema = z.strictObject({
  productId: id.optional().describe('The product; or give its sku'),
  sku: z.string().trim().min(1).max(100).optional().describe('The product by SKU, instead of productId'),
  warehouseId: id.describe('The warehouse the units are reserved in and ship from'),
  quantity: z
    .number({ error: 'must be a whole number of units' })
    .int('must be a whole number of units')
    .positive('must be at least 1')
    .max(1_000_000_000, 'must be at most 1000000000'),
});
export type LineInput = z.infer<typeof lineInputSchema>;

const orderFields = {
  shippingAddress: addressSchema
    .nullish()
    .describe("Default: the customer's shipping (else billing) address"),
  requestedDeliveryDate: businessDateSchema.nullish(),
  promisedShipDate: businessDateSchema.nullish(),
  incoterm: incotermSchema.nullish(),
  incotermPlace: optionalText(200).describe('The named place of the incoterm, e.g. "Lyon warehouse"'),
  customerReference: optionalText(100).describe("The customer's purchase order reference"),
  notes: optionalText(5000),
};

export const createOrderSchema = z.strictObject({
  customerId: id,
  ...orderFields,
  lines: z.array(lineInputSchema).max(500, 'must contain at most 500 lines').default([]),
});
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const updateOrderSchema = z.strictObject({
  customerId: id.optional(),
  shippingAddress: orderFields.shippingAddress,
  requestedDeliveryDate: orderFields.requestedDeliveryDate,
  promisedShipDate: orderFields.promisedShipDate,
  incoterm: orderFields.incoterm,
  incotermPlace: orderFields.incotermPlace.optional(),
  customerReference: orderFields.customerReference.optional(),
  notes: orderFields.notes.optional(),
  lines: z.array(lineInputSchema).max(500, 'must contain at most 500 lines').optional(),
});
export type UpdateOrderInput = z.infer<typeof updateOrderSchema>;

export const invoiceFromOrderSchema = z.strictObject({
  taxCategory: z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']).default('S'),
  taxRate: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage like "20"')
    .optional()
    .describe('Percent; required for category S'),
});
export type InvoiceFromOrderInput = z.infer<typeof invoiceFromOrderSchema>;

const moneyOut = z.object({ amount: z.number().int(), currency: z.string() });

export const orderLineSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  unit: z.string(),
  warehouseId: z.string(),
  unitPrice: moneyOut,
  lineTotal: moneyOut,
  ordered: z.number().int(),
  reserved: z.number().int().describe('Units held in stock for this line'),
  shipped: z.number().int(),
  backordered: z.number().int().describe('Units that could not be reserved at confirmation'),
  open: z.number().int().describe('ordered − shipped'),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderSchema = z.object({
  id: z.string(),
  number: z.string().nullable().describe('SO-YYYY-NNNNNN, given at confirmation; null while a draft'),
  status: z.enum(ORDER_STATUSES),
  customerId: z.string(),
  orderDate: z.string(),
  currency: z.string().nullable(),
  netTotal: z.number().int(),
  shippingAddress: addressOut,
  requestedDeliveryDate: z.string().nullable(),
  promisedShipDate: z.string().nullable(),
  incoterm: z.string().nullable(),
  incotermPlace: z.string().nullable(),
  customerReference: z.string().nullable(),
  notes: z.string().nullable(),
  invoiceId: z.string().nullable(),
  backordered: z.boolean(),
  confirmedAt: z.string().nullable(),
  firstShippedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(orderLineSchema),
});
export type Order = z.infer<typeof orderSchema>;

export const listQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : undefined))
    .refine((v) => v === undefined || v.every((s) => (ORDER_STATUSES as readonly string[]).includes(s)), {
      message: `must be one or more of ${ORDER_STATUSES.join(', ')}, comma-separated`,
    }),
  customerId: id.optional(),
  from: businessDateSchema.optional().describe('Order date on or after'),
  to: businessDateSchema.optional().describe('Order date on or before'),
  backordered: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only orders with a backordered line'),
});
