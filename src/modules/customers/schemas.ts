/** The customers module's shapes at the HTTP boundary (and for CSV lines, which go through the same schemas). */
import { z } from 'zod';
import { currencySchema } from '../../platform/money.js';
import {
  CODE_PATTERN,
  isCountry,
  normalizeCode,
  normalizeLanguage,
  normalizeTag,
  normalizeTaxId,
  type PaymentTerms,
  paymentTermsSchema,
  TAG_PATTERN,
  TAX_ID_PATTERN,
} from './rules.js';

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);
/** Optional text: blank means none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const countrySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCountry, 'must be an ISO 3166-1 alpha-2 country code, e.g. FR');

export const languageSchema = z
  .string()
  .refine((v) => normalizeLanguage(v) !== null, 'must be a BCP 47 language code, e.g. en, fr or fr-BE')
  .transform((v) => normalizeLanguage(v)!);

export const customerCurrencySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(currencySchema);

export const codeSchema = z
  .string()
  .transform(normalizeCode)
  .refine((v) => CODE_PATTERN.test(v), 'must be 1–30 letters, digits, ".", "_" or "-", e.g. C-00042');

export const taxIdSchema = z
  .string()
  .transform(normalizeTaxId)
  .refine((v) => v === '' || TAX_ID_PATTERN.test(v), 'must be 2–40 letters and digits, e.g. FR40303265045')
  .nullish()
  .transform((v) => (v ? v : null));

export const tagsSchema = z
  .array(
    z
      .string()
      .transform(normalizeTag)
      .refine((v) => TAG_PATTERN.test(v), 'must be 1–50 characters without ";"'),
  )
  .max(20, 'has more than 20 tags')
  .transform((tags) => [...new Set(tags)]);

export const addressSchema = z.strictObject(
  {
    line1: text(200),
    line2: optionalText(200),
    postalCode: optionalText(20),
    city: text(100),
    region: optionalText(100),
    country: countrySchema,
  },
  { error: (issue) => (issue.input === undefined ? 'is required' : undefined) },
);
export type Address = z.infer<typeof addressSchema>;

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
});

export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string().nullable().describe('Role or job title'),
  receivesInvoices: z.boolean(),
  receivesReminders: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;

const contactFields = {
  name: text(200),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : v),
    z
      .email('must be an email address')
      .max(254, 'must be at most 254 characters')
      .transform((v) => v.toLowerCase())
      .nullish()
      .transform((v) => v ?? null),
  ),
  phone: optionalText(50),
  role: optionalText(100),
  receivesInvoices: z.boolean().default(false),
  receivesReminders: z.boolean().default(false),
};

const needsEmail = (contact: {
  email: string | null;
  receivesInvoices?: boolean;
  receivesReminders?: boolean;
}) => !(contact.receivesInvoices || contact.receivesReminders) || Boolean(contact.email);
const NEEDS_EMAIL = {
  path: ['email'],
  message: 'is required for a contact who receives invoices or reminders',
};

export const contactInputSchema = z.strictObject(contactFields).refine(needsEmail, NEEDS_EMAIL);
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactPatchSchema = z.strictObject({
  name: contactFields.name.optional(),
  email: contactFields.email.optional(),
  phone: contactFields.phone.optional(),
  role: contactFields.role.optional(),
  receivesInvoices: z.boolean().optional(),
  receivesReminders: z.boolean().optional(),
});
export type ContactPatch = z.infer<typeof contactPatchSchema>;

const creditLimit = z
  .number({ message: 'must be a whole number of minor units' })
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER)
  .nullable()
  .describe("Minor units of the customer's currency; null: no limit");

const ownerId = z.string().trim().min(1).max(100).nullable().describe('A user with the sales role');

/** Everything a customer has except its contacts; shared by create, update and CSV lines. */
const customerFields = {
  code: codeSchema,
  legalName: text(200),
  billingAddress: addressSchema,
  shippingAddress: addressSchema.nullable().describe('null: ship to the billing address'),
  language: languageSchema,
  currency: customerCurrencySchema,
  paymentTerms: paymentTermsSchema,
  creditLimit,
  taxId: taxIdSchema,
  tags: tagsSchema,
  notes: optionalText(5000),
  ownerId,
};

export const createCustomerSchema = z.strictObject({
  ...customerFields,
  code: customerFields.code.optional().describe('Generated (C-00001, …) when not given'),
  shippingAddress: customerFields.shippingAddress.optional(),
  language: customerFields.language.optional().describe('Default: en'),
  currency: customerFields.currency.optional().describe('Default: the base currency'),
  paymentTerms: customerFields.paymentTerms.optional().describe('Default: net 30'),
  creditLimit: customerFields.creditLimit.optional(),
  taxId: customerFields.taxId.optional(),
  tags: customerFields.tags.optional(),
  notes: customerFields.notes.optional(),
  ownerId: customerFields.ownerId.optional(),
  contacts: z.array(contactInputSchema).max(50).optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerSchema>;

export const updateCustomerSchema = z.strictObject({
  code: customerFields.code.optional(),
  legalName: customerFields.legalName.optional(),
  billingAddress: customerFields.billingAddress.optional(),
  shippingAddress: customerFields.shippingAddress.optional(),
  language: customerFields.language.optional(),
  currency: customerFields.currency.optional(),
  paymentTerms: customerFields.paymentTerms.optional(),
  creditLimit: customerFields.creditLimit.optional(),
  taxId: customerFields.taxId.optional(),
  tags: customerFields.tags.optional(),
  notes: customerFields.notes.optional(),
  ownerId: customerFields.ownerId.optional(),
});
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>;

export const customerStatusSchema = z.enum(['active', 'archived']);
export type CustomerStatus = z.infer<typeof customerStatusSchema>;

export const customerSchema = z.object({
  id: z.string(),
  code: z.string(),
  legalName: z.string(),
  status: customerStatusSchema,
  billingAddress: addressOut,
  shippingAddress: addressOut.nullable(),
  language: z.string(),
  currency: z.string(),
  paymentTerms: paymentTermsSchema,
  creditLimit: z.number().int().nullable(),
  taxId: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  ownerId: z.string().nullable(),
  contacts: z.array(contactSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = Omit<z.infer<typeof customerSchema>, 'paymentTerms'> & { paymentTerms: PaymentTerms };
