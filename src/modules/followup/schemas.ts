/** Zod schemas of the follow-up module's HTTP and CLI boundary. */
import { z } from 'zod';
import { ROLES } from '../../platform/auth/roles.js';
import { businessDateSchema } from '../../platform/dates.js';
import { currencySchema } from '../../platform/money.js';
import { DEPARTMENTS, TASK_PRIORITIES } from '../worklist/index.js';
import { PAUSE_KINDS } from './pauses.js';
import { TONES } from './rules.js';

const decimalText = z
  .union([z.string(), z.number()], { error: 'must be a decimal like "1.5"' })
  .transform((v) => String(v).trim());

const templateSchema = z.strictObject({
  subject: z.string().trim().min(1, 'is required').max(300),
  body: z.string().trim().min(1, 'is required').max(20_000),
});

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reminder'),
    templates: z
      .strictObject({ en: templateSchema.optional(), fr: templateSchema.optional() })
      .optional()
      .describe('Per language; a language left out uses the built-in template of the step tone'),
  }),
  z.strictObject({
    type: z.literal('task'),
    department: z.enum(DEPARTMENTS),
    role: z.enum(ROLES).nullish().describe('Owner role; default: the department’s role'),
    title: z.string().trim().min(1, 'is required').max(200),
    priority: z.enum(TASK_PRIORITIES).optional(),
  }),
  z.strictObject({
    type: z.literal('late_fee'),
    mode: z.enum(['fixed', 'percent']),
    amount: z.number().int('must be a whole number of minor units').nullish().describe('fixed: minor units'),
    currency: currencySchema.nullish().describe('fixed: the fee applies to invoices in this currency'),
    percent: decimalText.nullish().describe('percent: of the open amount, e.g. "5"'),
    description: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({
    type: z.literal('interest'),
    annualRatePercent: decimalText.describe('Simple interest per year on the open amount, e.g. "10.5"'),
    description: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({ type: z.literal('credit_hold'), reason: z.string().trim().min(1).max(500).optional() }),
]);

export const stepInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  offsetDays: z
    .number()
    .int('must be a whole number of days')
    .min(-365)
    .max(3650)
    .describe('Days from the due date: negative before it, 0 on it, positive after it'),
  tone: z.enum(TONES),
  actions: z.array(actionSchema).max(5),
});

export const policyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  description: z.string().trim().max(1000).nullish(),
  isDefault: z.boolean().optional().describe('Make this the policy of every customer without their own'),
  steps: z.array(stepInputSchema).max(20),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;

const templateOut = z.object({ subject: z.string(), body: z.string() });
export const actionOutSchema = z.union([
  z.object({
    type: z.literal('reminder'),
    templates: z.object({ en: templateOut.optional(), fr: templateOut.optional() }).optional(),
  }),
  z.object({
    type: z.literal('task'),
    department: z.string(),
    role: z.string().nullish(),
    title: z.string(),
    priority: z.string().optional(),
  }),
  z.object({
    type: z.literal('late_fee'),
    mode: z.enum(['fixed', 'percent']),
    amount: z.number().nullish(),
    currency: z.string().nullish(),
    percent: z.string().nullish(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('interest'),
    annualRatePercent: z.string(),
    description: z.string().optional(),
  }),
  z.object({ type: z.literal('credit_hold'), reason: z.string().optional() }),
]);

export const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  steps: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      name: z.string(),
      offsetDays: z.number(),
      tone: z.enum(TONES),
      actions: z.array(actionOutSchema),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof policySchema>;

export const customerSettingsInputSchema = z
  .strictObject({
    policyId: z.string().trim().min(1).nullable().describe('null: the default policy'),
    excluded: z.boolean(),
    exclusionReason: z.string().trim().min(1).max(500).nullish(),
  })
  .superRefine((v, issue) => {
    if (v.excluded && !v.exclusionReason)
      issue.addIssue({
        code: 'custom',
        path: ['exclusionReason'],
        message: 'is required to exclude a customer',
      });
  });
export type CustomerSettingsInput = z.infer<typeof customerSettingsInputSchema>;

export const customerSettingsSchema = z.object({
  customerId: z.string(),
  policyId: z.string().nullable(),
  effectivePolicyId: z.string().nullable(),
  excluded: z.boolean(),
  exclusionReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const itemSchema = z.object({
  invoiceId: z.string(),
  customerId: z.string(),
  currency: z.string(),
  dueDate: z.string(),
  kind: z.enum(['invoice', 'fee']),
  policyId: z.string().nullable(),
  currentStep: z.number(),
  nextDate: z.string().nullable(),
  lastRunOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  paused: z.boolean(),
});

export const pauseSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  customerId: z.string(),
  kind: z.enum(PAUSE_KINDS),
  sourceId: z.string(),
  reason: z.string(),
  amount: z.number().nullable(),
  startsOn: z.string(),
  until: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedReason: z.string().nullable(),
  createdAt: z.string(),
});

export const startPauseSchema = z.strictObject({
  invoiceId: z.string().trim().min(1),
  kind: z
    .enum(['payment_processing'])
    .describe('Disputes, promises and snoozes start their pauses through their own endpoints'),
  sourceId: z.string().trim().min(1).max(200).describe('What is being processed, e.g. a payment reference'),
  reason: z.string().trim().min(1, 'is required').max(500),
  until: businessDateSchema.nullish(),
  amount: z.number().int().positive().nullish(),
});

export const endPauseSchema = z.strictObject({ reason: z.string().trim().min(1, 'is required').max(500) });

export const runInputSchema = z.strictObject({
  asOf: businessDateSchema
    .optional()
    .describe("The company date to run for; default: today in the company's zone"),
  dryRun: z.boolean().default(false),
  customerId: z.string().trim().min(1).optional().describe('Only this customer'),
});

export const plannedActionSchema = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  customerId: z.string(),
  stepPosition: z.number(),
  stepName: z.string(),
  tone: z.enum(TONES),
  kind: z.enum(['reminder', 'task', 'late_fee', 'interest', 'credit_hold']),
  description: z.string(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  skippedSteps: z.array(z.number()),
});

export const runResultSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  itemsDue: z.number(),
  itemsClaimed: z.number(),
  itemsClosed: z.number(),
  messages: z.number(),
  fees: z.number(),
  tasks: z.number(),
  holds: z.number(),
  skipped: z.number(),
  actions: z.array(plannedActionSchema),
  emails: z.array(
    z.object({
      customerId: z.string(),
      to: z.array(z.string()),
      subject: z.string(),
      invoiceNumbers: z.array(z.string()),
      messageId: z.string().nullable(),
    }),
  ),
  failures: z.array(z.object({ customerId: z.string(), message: z.string() })),
});
export type RunResult = z.infer<typeof runResultSchema>;
export type PlannedAction = z.infer<typeof plannedActionSchema>;
