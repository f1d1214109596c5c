/**
 * What the dispatch documents show: plain, fully computed view models checked with zod before
 * rendering. The shipping service fills them from a shipment; renderers only lay them out. Quantities
 * and weights are decimal strings (never floats); an SSCC arrives already valid (18 digits, check
 * digit computed by the shipping rules), the barcode encoder checks it once more.
 */
import { z } from 'zod';
import { businessDateSchema } from '../../../platform/dates.js';
import { DOCUMENT_LANGUAGES } from './labels.js';

export const text = z.string().trim().min(1, 'is required').max(500);
const shortText = z.string().trim().min(1, 'is required').max(80);
export const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string such as "12.5"');
const count = z.number().int('must be a whole number').min(0, 'must not be negative');
const positiveCount = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const ssccSchema = z.string().regex(/^\d{18}$/, 'must be an 18-digit SSCC');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as DE');
const hsCode = z.string().regex(/^\d{4}(\.?\d{2}){1,3}$/, 'must be an HS code such as 3920.10 or 39201089');

const locale = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'must be a BCP 47 locale such as fr-BE');

export const partySchema = z.strictObject({
  name: text,
  address: z.array(text).min(1, 'needs at least one line').max(6),
  contact: text.optional(),
  phone: text.optional(),
  /** Identifiers printed under the address, e.g. "EORI DE123456789012345", "SID 0042". */
  extra: z.array(text).max(3).default([]),
});
export type PartyView = z.output<typeof partySchema>;

export const weightSchema = z.strictObject({ value: decimal, unit: z.enum(['kg', 'lb']) });
export type WeightView = z.output<typeof weightSchema>;

const dimensionsSchema = z.strictObject({
  length: decimal,
  width: decimal,
  height: decimal,
  unit: z.enum(['cm', 'in']),
});

/** Shared by every document: language, formatting locale and the instant it counts as issued. */
const documentBase = {
  language: z.enum(DOCUMENT_LANGUAGES).default('en'),
  /** Formatting locale for numbers and dates (e.g. en-US); defaults to the language's. */
  locale: locale.optional(),
  /** Written as the PDF's creation date: the same view always renders to the same bytes. */
  issuedAt: z.iso.datetime('must be an ISO 8601 instant such as 2026-03-05T09:30:00Z'),
  /** Who the PDF names as author, e.g. the shipper's company. */
  issuer: text,
};

// ---------------------------------------------------------------------------------------------------
// Pick list
// ---------------------------------------------------------------------------------------------------

export const pickListViewSchema = z.strictObject({
  ...documentBase,
  number: text,
  warehouse: z.strictObject({ code: shortText, name: text }),
  orderNumber: text,
  shipmentNumber: text,
  customer: text.optional(),
  shipTo: partySchema.optional(),
  requestedShipDate: businessDateSchema.optional(),
  carrier: text.optional(),
  notes: z.array(z.string().trim().min(1).max(1000)).default([]),
  lines: z
    .array(
      z.strictObject({
        /** Bin or location code; lines print sorted by it (natural order: A-2 before A-10). */
        location: shortText,
        sku: shortText,
        description: text,
        quantity: decimal,
        unit: z.string().trim().max(20).default(''),
        lot: shortText.optional(),
        gtin: z
          .string()
          .regex(/^\d{8}(\d{4,6})?$/, 'must be a GTIN of 8, 12, 13 or 14 digits')
          .optional(),
      }),
    )
    .min(1, 'needs at least one line'),
});
export type PickListView = z.output<typeof pickListViewSchema>;
export type PickListViewInput = z.input<typeof pickListViewSchema>;

// ---------------------------------------------------------------------------------------------------
// Packing list
// ---------------------------------------------------------------------------------------------------

const packingLineSchema = z.strictObject({
  sku: shortText,
  description: text,
  unit: z.string().trim().max(20).default(''),
  ordered: decimal,
  shipped: decimal,
  backordered: decimal,
  /** Export shipments: tariff code and origin of the goods (printed when any line has them). */
  hsCode: hsCode.optional(),
  countryOfOrigin: countryCode.optional(),
});

export const packingListViewSchema = z
  .strictObject({
    ...documentBase,
    shipmentNumber: text,
    shipDate: businessDateSchema,
    orderNumber: text,
    purchaseOrder: text.optional(),
    customerNumber: text.optional(),
    carrier: text.optional(),
    service: text.optional(),
    trackingNumbers: z.array(shortText).default([]),
    /** Incoterms rule and place, e.g. "DAP Hamburg". */
    incoterm: text.optional(),
    /** Prints HS codes and origins and requires them on every line. */
    export: z.boolean().default(false),
    shipFrom: partySchema,
    shipTo: partySchema,
    billTo: partySchema.optional(),
    packages: z
      .array(
        z.strictObject({
          sscc: ssccSchema,
          weight: weightSchema,
          dimensions: dimensionsSchema.optional(),
          packaging: text.optional(),
          lines: z.array(packingLineSchema).min(1, 'needs at least one line'),
        }),
      )
      .min(1, 'needs at least one package'),
    notes: z.array(z.string().trim().min(1).max(1000)).default([]),
  })
  .superRefine((view, ctx) => {
    const units = new Set(view.packages.map((p) => p.weight.unit));
    if (units.size > 1)
      ctx.addIssue({ code: 'custom', path: ['packages'], message: 'weights must share one unit' });
    if (!view.export) return;
    view.packages.forEach((pkg, p) => {
      pkg.lines.forEach((line, l) => {
        for (const field of ['hsCode', 'countryOfOrigin'] as const) {
          if (!line[field])
            ctx.addIssue({
              code: 'custom',
              path: ['packages', p, 'lines', l, field],
              message: 'is required for an export shipment',
            });
        }
      });
    });
  });
export type PackingListView = z.output<typeof packingListViewSchema>;
export type PackingListViewInput = z.input<typeof packingListViewSchema>;

// ---------------------------------------------------------------------------------------------------
// 4x6 shipping label
// ---------------------------------------------------------------------------------------------------

export const shippingLabelViewSchema = z
  .strictObject({
    ...documentBase,
    shipFrom: partySchema,
    shipTo: partySchema,
    carrier: z.strictObject({ name: text, service: text, scac: shortText.optional() }),
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{4,40}$/, 'must be 4–40 printable ASCII characters without spaces'),
    package: z.strictObject({ number: positiveCount, count: positiveCount }),
    weight: weightSchema,
    orderNumber: text,
    purchaseOrder: text.optional(),
    shipmentNumber: text.optional(),
    shipDate: businessDateSchema,
    sscc: ssccSchema,
  })
  .superRefine((view, ctx) => {
    if (view.package.number > view.package.count)
      ctx.addIssue({
        code: 'custom',
        path: ['package', 'number'],
        message: `must not exceed the package count ${view.package.count}`,
      });
  });
export type ShippingLabelView = z.output<typeof shippingLabelViewSchema>;
export type ShippingLabelViewInput = z.input<typeof shippingLabelViewSchema>;

// ---------------------------------------------------------------------------------------------------
// VICS straight bill of lading
// ---------------------------------------------------------------------------------------------------

export const FREIGHT_CLASSES = [
  '50',
  '55',
  '60',
  '65',
  '70',
  '77.5',
  '85',
  '92.5',
  '100',
  '110',
  '125',
  '150',
  '175',
  '200',
  '250',
  '300',
  '400',
  '500',
] as const;

export const billOfLadingViewSchema = z
  .strictObject({
    ...documentBase,
    bolNumber: text,
    date: businessDateSchema,
    shipFrom: partySchema.extend({ sid: shortText.optional(), fob: z.boolean().default(false) }),
    shipTo: partySchema.extend({
      cid: shortText.optional(),
      locationNumber: shortText.optional(),
      fob: z.boolean().default(false),
    }),
    thirdPartyBillTo: partySchema.optional(),
    carrier: z.strictObject({
      name: text,
      scac: z.string().regex(/^[A-Z]{2,4}$/, 'must be a SCAC of 2–4 capital letters'),
    }),
    proNumber: shortText.optional(),
    trailerNumber: shortText.optional(),
    sealNumbers: z.array(shortText).max(6).default([]),
    freightTerms: z.enum(['prepaid', 'collect', 'third_party']),
    masterBol: z.boolean().default(false),
    specialInstructions: z.string().trim().max(1000).optional(),
    weightUnit: z.enum(['lb', 'kg']).default('lb'),
    customerOrders: z
      .array(
        z.strictObject({
          orderNumber: text,
          packages: count,
          weight: decimal,
          /** Pallet/slip: true Y, false N, absent when not applicable. */
          palletSlip: z.boolean().optional(),
          additionalInfo: z.string().trim().max(200).optional(),
        }),
      )
      .min(1, 'needs at least one order'),
    handlingUnits: z
      .array(
        z.strictObject({
          handlingQuantity: positiveCount,
          handlingType: shortText,
          packageQuantity: count,
          packageType: shortText,
          weight: decimal,
          hazardous: z.boolean().default(false),
          description: text,
          nmfc: shortText.optional(),
          freightClass: z.enum(FREIGHT_CLASSES).optional(),
        }),
      )
      .min(1, 'needs at least one handling unit'),
    cod: z
      .strictObject({
        amount: decimal,
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code'),
        feeTerms: z.enum(['prepaid', 'collect']),
        customerCheckAcceptable: z.boolean().default(false),
      })
      .optional(),
    /** Shipper's declared value, when stated: the amount and what it is per (e.g. "lb", "shipment"). */
    declaredValue: z
      .strictObject({ amount: decimal, currency: z.string().regex(/^[A-Z]{3}$/), per: shortText })
      .optional(),
    trailerLoadedBy: z.enum(['shipper', 'driver']).optional(),
    freightCountedBy: z.enum(['shipper', 'driver_pallets', 'driver_pieces']).optional(),
    shipperSignature: z.strictObject({ name: text, date: businessDateSchema }).optional(),
    carrierSignature: z.strictObject({ name: text, date: businessDateSchema }).optional(),
  })
  .superRefine((view, ctx) => {
    if (view.freightTerms === 'third_party' && !view.thirdPartyBillTo)
      ctx.addIssue({
        code: 'custom',
        path: ['thirdPartyBillTo'],
        message: 'is required when freight charges are billed to a third party',
      });
  });
export type BillOfLadingView = z.output<typeof billOfLadingViewSchema>;
export type BillOfLadingViewInput = z.input<typeof billOfLadingViewSchema>;
