/** The catalog module's shapes at the HTTP boundary (CSV lines go through the same schemas). */
import { z } from 'zod';
import { currencySchema } from '../../platform/money.js';
import {
  gtinProblem,
  HS_CODE_PATTERN,
  isCountryCode,
  MOVEMENT_KINDS,
  normalizeCode,
  normalizeGtin,
  normalizeHsCode,
  SKU_PATTERN,
  WAREHOUSE_CODE_PATTERN,
} from './rules.js';

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const wholeNumber = (what: string, max = 100_000_000) =>
  z
    .number({ message: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max}`);

export const skuSchema = z
  .string({ error: 'is required' })
  .transform(normalizeCode)
  .refine((v) => SKU_PATTERN.test(v), 'must be 1–64 letters, digits, ".", "_", "/" or "-", e.g. CUP-300-WHT');

export const warehouseCodeSchema = z
  .string({ error: 'is required' })
  .transform(normalizeCode)
  .refine(
    (v) => WAREHOUSE_CODE_PATTERN.test(v),
    'must be 1–30 letters, digits, ".", "_" or "-", e.g. LYON-1',
  );

export const gtinSchema = z
  .string()
  .transform(normalizeGtin)
  .superRefine((v, ctx) => {
    if (v === '') return;
    const problem = gtinProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullish()
  .transform((v) => (v ? v : null));

export const hsCodeSchema = z
  .string()
  .transform(normalizeHsCode)
  .refine((v) => v === '' || HS_CODE_PATTERN.test(v), 'must be 6 to 10 digits, e.g. 6912.00 or 69120010')
  .nullish()
  .transform((v) => (v ? v : null));

export const countrySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. FR');

const unitSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(20, 'must be at most 20 characters')
  .describe('Unit of measure, e.g. pcs, box, kg');

export const dimensionsSchema = z.strictObject({
  length: wholeNumber('millimetres', 100_000),
  width: wholeNumber('millimetres', 100_000),
  height: wholeNumber('millimetres', 100_000),
});

export const priceSchema = z.strictObject({
  amount: wholeNumber('minor units', Number.MAX_SAFE_INTEGER).describe('Minor units of the currency'),
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(currencySchema),
});

const productFields = {
  sku: skuSchema,
  name: text(200),
  gtin: gtinSchema.describe('GTIN-8/12/13/14 with a valid GS1 check digit'),
  unit: unitSchema,
  weightGrams: wholeNumber('grams').nullable(),
  dimensionsMm: dimensionsSchema.nullable().describe('Length, width, height in millimetres'),
  hsCode: hsCodeSchema.describe('Harmonized System code, 6–10 digits'),
  countryOfOrigin: countrySchema.nullable(),
  price: priceSchema.nullable(),
  active: z.boolean(),
};

export const createProductSchema = z.strictObject({
  ...productFields,
  gtin: productFields.gtin.optional(),
  unit: productFields.unit.default('pcs'),
  weightGrams: productFields.weightGrams.optional(),
  dimensionsMm: productFields.dimensionsMm.optional(),
  hsCode: productFields.hsCode.optional(),
  countryOfOrigin: productFields.countryOfOrigin.optional(),
  price: productFields.price.optional(),
  active: productFields.active.default(true),
});
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = z.strictObject({
  sku: productFields.sku.optional(),
  name: productFields.name.optional(),
  gtin: productFields.gtin.optional(),
  unit: productFields.unit.optional(),
  weightGrams: productFields.weightGrams.optional(),
  dimensionsMm: productFields.dimensionsMm.optional(),
  hsCode: productFields.hsCode.optional(),
  countryOfOrigin: productFields.countryOfOrigin.optional(),
  price: productFields.price.optional(),
  active: productFields.active.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  gtin: z.string().nullable(),
  unit: z.string(),
  weightGrams: z.number().int().nullable(),
  dimensionsMm: z.object({ length: z.number(), width: z.number(), height: z.number() }).nullable(),
  hsCode: z.string().nullable(),
  countryOfOrigin: z.string().nullable(),
  price: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

const addressFields = {
  line1: text(200),
  line2: optionalText(200),
  postalCode: optionalText(20),
  city: text(100),
  region: optionalText(100),
  country: countrySchema,
};
export const warehouseAddressSchema = z.strictObject(addressFields);

export const createWarehouseSchema = z.strictObject({
  code: warehouseCodeSchema,
  name: text(200),
  address: warehouseAddressSchema,
  active: z.boolean().default(true),
});
export type CreateWarehouseInput = z.infer<typeof createWarehouseSchema>;

export const updateWarehouseSchema = z.strictObject({
  code: warehouseCodeSchema.optional(),
  name: text(200).optional(),
  address: warehouseAddressSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateWarehouseInput = z.infer<typeof updateWarehouseSchema>;

export const warehouseSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    country: z.string(),
  }),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Warehouse = z.infer<typeof warehouseSchema>;

export const movementKindSchema = z.enum(MOVEMENT_KINDS);

export const stockLevelSchema = z.object({
  productId: z.string(),
  sku: z.string(),
  productName: z.string(),
  warehouseId: z.string(),
  warehouseCode: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof stockLevelSchema>;

export const referenceSchema = z.strictObject({
  type: z.string().trim().min(1).max(50).describe('e.g. order_line, shipment, purchase_order'),
  id: z.string().trim().min(1).max(100),
});
export type StockReference = z.infer<typeof referenceSchema>;

export const movementSchema = z.object({
  id: z.string(),
  productId: z.string(),
  warehouseId: z.string(),
  kind: movementKindSchema,
  quantity: z.number().int().describe('Signed by its effect on on hand (or, for reservations, on reserved)'),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  reason: z.string().nullable(),
  reference: z.object({ type: z.string(), id: z.string() }).nullable(),
  override: z.boolean(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  createdAt: z.string(),
});
export type Movement = z.infer<typeof movementSchema>;

const positiveQuantity = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000_000);

export const receiptInputSchema = z.strictObject({
  productId: z.string().trim().min(1).max(100),
  warehouseId: z.string().trim().min(1).max(100),
  quantity: positiveQuantity,
  reference: referenceSchema.nullish(),
});
export type ReceiptInput = z.infer<typeof receiptInputSchema>;

export const adjustmentInputSchema = z.strictObject({
  productId: z.string().trim().min(1).max(100),
  warehouseId: z.string().trim().min(1).max(100),
  quantity: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((v) => v !== 0, 'must not be zero')
    .describe('Signed: + adds to on hand, − removes'),
  reason: text(500).describe('Why: damaged, stock count, found, …'),
  override: z
    .boolean()
    .default(false)
    .describe('Allow available to go below zero (admin or logistics; audited)'),
  reference: referenceSchema.nullish(),
});
export type AdjustmentInput = z.infer<typeof adjustmentInputSchema>;
