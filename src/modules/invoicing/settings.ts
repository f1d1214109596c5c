/**
 * Company settings printed on documents: the seller's identity, how customers can pay (bank account,
 * cheque payee and mailing address, online payment link, cash) and the working calendar that moves due
 * dates off non-working days. One JSON row, validated here; owned by invoicing for now.
 */
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { compactIban, ibanProblem, isValidBic } from './iban.js';
import type { InvoicingTables } from './tables.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const companyAddressSchema = z.strictObject({
  line1: text(200),
  line2: text(200).optional(),
  postalCode: text(20).optional(),
  city: text(100),
  region: text(100).optional(),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. FR')),
});
export type CompanyAddress = z.infer<typeof companyAddressSchema>;

export const PAYMENT_METHODS = ['bank_transfer', 'cheque', 'online', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const companySettingsSchema = z
  .strictObject({
    legalName: text(200),
    tradingName: text(200).optional(),
    address: companyAddressSchema,
    vatId: text(40).optional(),
    /** Trade register entry, e.g. "RCS Lyon 123 456 789". */
    registration: text(200).optional(),
    /** Legal form and share capital, e.g. "SAS au capital de 50 000 €". */
    legalForm: text(200).optional(),
    email: z.email('must be an email address').optional(),
    phone: text(50).optional(),
    website: text(200).optional(),
    bankAccount: z
      .strictObject({
        accountHolder: text(70),
        iban: z
          .string()
          .refine((v) => ibanProblem(v) === null, { message: 'must be a valid IBAN' })
          .transform(compactIban),
        bic: z
          .string()
          .transform((v) => v.replace(/\s+/g, '').toUpperCase())
          .refine(isValidBic, 'must be a BIC of 8 or 11 letters and digits')
          .optional(),
        bankName: text(100).optional(),
      })
      .optional(),
    cheque: z
      .strictObject({
        payableTo: text(200),
        mailingAddress: companyAddressSchema,
        instructions: text(500).optional(),
      })
      .optional(),
    /** The methods printed on invoices, in this order. */
    paymentMethods: z
      .array(z.enum(PAYMENT_METHODS))
      .max(4)
      .refine((m) => new Set(m).size === m.length, 'lists a method twice'),
    /** Online payment link with placeholders {number}, {id}, {amount} (decimal), {currency}, {reference}. */
    onlinePaymentUrlTemplate: z
      .string()
      .trim()
      .max(500)
      .refine((v) => /^https?:\/\//.test(v), 'must start with https:// or http://')
      .optional(),
    onlineInstructions: text(500).optional(),
    cashInstructions: text(500).optional(),
    calendar: z
      .strictObject({
        /** Weekly days off, 0 = Sunday … 6 = Saturday. */
        daysOff: z.array(z.number().int().min(0).max(6)).max(6).default([0, 6]),
        holidays: z.array(businessDateSchema).max(1000).default([]),
      })
      .default({ daysOff: [0, 6], holidays: [] }),
  })
  .superRefine((s, issue) => {
    const need = (method: PaymentMethod, present: unknown, path: string, what: string) => {
      if (s.paymentMethods.includes(method) && !present)
        issue.addIssue({ code: 'custom', path: [path], message: `is required when ${what} is offered` });
    };
    need('bank_transfer', s.bankAccount, 'bankAccount', 'bank transfer');
    need('cheque', s.cheque, 'cheque', 'payment by cheque');
    need('cash', s.cashInstructions, 'cashInstructions', 'cash payment');
  });

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  country: z.string(),
});

/** The settings as answered (plain types: response schemas must not transform). */
export const companySettingsOutSchema = z.object({
  legalName: z.string(),
  tradingName: z.string().optional(),
  address: addressOut,
  vatId: z.string().optional(),
  registration: z.string().optional(),
  legalForm: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  website: z.string().optional(),
  bankAccount: z
    .object({
      accountHolder: z.string(),
      iban: z.string(),
      bic: z.string().optional(),
      bankName: z.string().optional(),
    })
    .optional(),
  cheque: z
    .object({ payableTo: z.string(), mailingAddress: addressOut, instructions: z.string().optional() })
    .optional(),
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)),
  onlinePaymentUrlTemplate: z.string().optional(),
  onlineInstructions: z.string().optional(),
  cashInstructions: z.string().optional(),
  calendar: z.object({ daysOff: z.array(z.number()), holidays: z.array(z.string()) }),
});

export type CompanySettings = z.output<typeof companySettingsSchema>;
export type CompanySettingsInput = z.input<typeof companySettingsSchema>;

/** What a fresh installation (and the demo) starts with; an administrator replaces it. */
export const DEFAULT_COMPANY_SETTINGS: CompanySettings = companySettingsSchema.parse({
  legalName: 'Duely Demo Distribution SAS',
  tradingName: 'Duely Packaging',
  address: { line1: '12 rue de la Logistique', postalCode: '69007', city: 'Lyon', country: 'FR' },
  vatId: 'FR32123456789',
  registration: 'RCS Lyon 123 456 789',
  legalForm: 'SAS au capital de 50 000 €',
  email: 'accounts@duely-demo.example',
  phone: '+33 4 72 00 00 00',
  bankAccount: {
    accountHolder: 'Duely Demo Distribution SAS',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    bankName: 'Crédit Agricole',
  },
  cheque: {
    payableTo: 'Duely Demo Distribution SAS',
    mailingAddress: {
      line1: 'Service comptabilité, BP 1234',
      postalCode: '69007',
      city: 'Lyon',
      country: 'FR',
    },
  },
  paymentMethods: ['bank_transfer', 'cheque', 'online'],
  onlinePaymentUrlTemplate: 'https://pay.duely-demo.example/invoices/{number}',
  calendar: { daysOff: [0, 6], holidays: ['2026-01-01', '2026-05-01', '2026-07-14', '2026-12-25'] },
});

const q = (db: AnyDb) => tables<InvoicingTables>(db);

/** The company settings (defaults until an administrator saves them). */
export async function readCompanySettings(db: AnyDb): Promise<CompanySettings> {
  const row = await q(db)
    .selectFrom('company_settings')
    .select('settings')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? companySettingsSchema.parse(JSON.parse(row.settings)) : DEFAULT_COMPANY_SETTINGS;
}

export async function saveCompanySettings(
  ctx: AppContext,
  actor: Actor,
  input: CompanySettings,
): Promise<CompanySettings> {
  const settings = companySettingsSchema.parse(input);
  return transaction(ctx, actor, async (tx) => {
    const before = await readCompanySettings(tx.db);
    const json = JSON.stringify(settings);
    await q(tx.db)
      .insertInto('company_settings')
      .values({ id: 1, settings: json, updated_at: tx.now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: json, updated_at: tx.now }))
      .execute();
    tx.audit({
      action: 'company_settings.updated',
      entityType: 'company_settings',
      entityId: '1',
      before,
      after: settings,
    });
    return settings;
  });
}
