/** Demo invoices for the demo customers: a few issued (some overdue), one credited, one draft. Safe to run twice. */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { findCustomerByCode } from '../customers/index.js';
import type { Progress } from '../module.js';
import { createDraft, creditInvoice, issueDocument, listInvoices } from './invoices-service.js';
import type { LineInput } from './schemas.js';
import { readCompanySettings, saveCompanySettings } from './settings.js';

const line = (description: string, quantity: string, unitPrice: string, taxRate = '20'): LineInput => ({
  description,
  itemCode: null,
  quantity,
  unit: 'pcs',
  unitPrice,
  taxCategory: 'S',
  taxRate,
  exemptionReason: null,
  exemptionReasonCode: null,
});

const DEMO: { code: string; issueDate: string | null; lines: LineInput[]; credit?: 'full' }[] = [
  {
    code: 'C-00001',
    issueDate: '2026-09-15',
    lines: [
      line('Pallet wrap film 500 mm × 300 m', '40', '18.90'),
      line('Packing tape 48 mm', '120', '2.15'),
    ],
  },
  {
    code: 'C-00003',
    issueDate: '2026-10-20',
    lines: [line('Corrugated shipping box 400 × 300 × 200 mm', '2000', '1.2750', '19')],
  },
  {
    code: 'C-00010',
    issueDate: '2026-11-05',
    lines: [line('Thermal labels 102 × 152 mm, 500 per roll', '60', '12.40')],
  },
  { code: 'C-00015', issueDate: '2026-11-10', lines: [line('Barcode scanner, USB kit', '5', '19500', '10')] },
  { code: 'C-00019', issueDate: '2026-11-12', lines: [line('Premium packaging set', '12', '45.125', '0')] },
  {
    code: 'C-00002',
    issueDate: '2026-11-18',
    lines: [line('Coffee cups 12 oz, 1000 pcs', '3', '89.00')],
    credit: 'full',
  },
  { code: 'C-00008', issueDate: null, lines: [line('Stretch film hand roll', '50', '9.80', '21')] },
];

export async function seedDemoInvoices(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  // Make sure the settings exist as a row an administrator can then edit.
  await saveCompanySettings(ctx, actor, await readCompanySettings(ctx.db));
  let created = 0;
  for (const demo of DEMO) {
    const customer = await findCustomerByCode(ctx, demo.code);
    if (!customer) continue;
    const { rows } = await listInvoices(ctx, { customerId: customer.id, limit: 1 });
    if (rows.length > 0) continue;
    const lines = demo.lines.map((l) =>
      l.taxRate === '0'
        ? { ...l, taxCategory: 'G' as const, taxRate: '0', exemptionReason: 'Export outside the EU' }
        : l,
    );
    const draft = await createDraft(ctx, actor, {
      kind: 'invoice',
      customerId: customer.id,
      currency: customer.currency,
      issueDate: demo.issueDate,
      purchaseOrder: null,
      orderReference: null,
      notes: null,
      lines,
    });
    created++;
    if (!demo.issueDate) continue;
    await issueDocument(ctx, actor, draft.id);
    if (demo.credit)
      await creditInvoice(ctx, actor, draft.id, {
        mode: 'full',
        issueDate: demo.issueDate,
        notes: 'Ordered twice by mistake.',
      });
  }
  progress(`invoicing: ${created} demo invoice(s) created`);
}
