/** Follow-up over HTTP: policy validation (errors name the step; nothing saved), CRUD, customer settings, preview, run, pauses. */
import { expect, it } from 'vitest';
import { bearer, describeEachApp } from '../support/app.js';
import { countRows, customer, drainJobs, invoiceDue } from './followup.support.js';

const step = (
  name: string,
  offsetDays: number,
  tone: string,
  actions: unknown[] = [{ type: 'reminder' }],
) => ({
  name,
  offsetDays,
  tone,
  actions,
});

describeEachApp('follow-up policies and routes', (get) => {
  const post = async (url: string, payload: unknown, roles = ['finance'] as const) => {
    const t = get();
    return t.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: bearer(await t.tokenWith(roles)),
    });
  };

  it('refuses a bad policy with an error naming the step and what is wrong, and saves nothing', async () => {
    const t = get();
    const before = await countRows(t.ctx, 'followup_policies');
    const stepsBefore = await countRows(t.ctx, 'followup_policy_steps');
    const cases: [unknown[], string, RegExp][] = [
      [
        [step('A', 7, 'friendly'), step('B', 7, 'firm')],
        'steps.1.offsetDays',
        /step 2 \("B"\) overlaps step 1/,
      ],
      [
        [step('A', 14, 'friendly'), step('B', 7, 'firm')],
        'steps.1.offsetDays',
        /must be in the order they fire/,
      ],
      [
        [
          step('A', 7, 'friendly', [
            {
              type: 'reminder',
              templates: { fr: { subject: 'Rappel {{invoiceNumbers}}', body: 'Bonjour {{clientName}}' } },
            },
          ]),
        ],
        'steps.0.actions.0.templates.fr.body',
        /step 1 \("A"\): unknown template variable \{\{clientName\}\}/,
      ],
      [
        [step('A', 7, 'firm', [{ type: 'late_fee', mode: 'fixed', amount: -4000, currency: 'EUR' }])],
        'steps.0.actions.0.amount',
        /positive/,
      ],
      [
        [step('A', 7, 'firm'), step('B', 30, 'final', [{ type: 'interest', annualRatePercent: 'ten' }])],
        'steps.1.actions.0.annualRatePercent',
        /step 2 \("B"\).*annual interest rate/,
      ],
      [
        [step('A', 7, 'firm', [{ type: 'interest', annualRatePercent: '250' }])],
        'steps.0.actions.0.annualRatePercent',
        /at most 100/,
      ],
    ];
    for (const [steps, path, message] of cases) {
      const response = await post('/api/followup/policies', { name: 'Broken', steps });
      expect(response.statusCode, JSON.stringify(steps)).toBe(400);
      const error = response.json().errors.find((e: { path: string }) => e.path === path);
      expect(error, `${path} in ${response.body}`).toBeDefined();
      expect(error.message).toMatch(message);
    }
    expect(await countRows(t.ctx, 'followup_policies')).toBe(before);
    expect(await countRows(t.ctx, 'followup_policy_steps')).toBe(stepsBefore);
  });

  it('creates, reads, updates and deletes a policy; the seeded default is listed', async () => {
    const t = get();
    const token = await t.tokenWith(['finance']);
    const list = await t.inject({ method: 'GET', url: '/api/followup/policies', headers: bearer(token) });
    expect(list.json().find((p: { isDefault: boolean }) => p.isDefault)).toMatchObject({ name: 'Standard' });
    const created = await post('/api/followup/policies', {
      name: 'Gentle',
      steps: [
        step('Heads-up', -5, 'friendly'),
        step('Call', 10, 'firm', [
          { type: 'reminder' },
          { type: 'task', department: 'finance', title: 'Call them' },
        ]),
      ],
    });
    expect(created.statusCode).toBe(201);
    const policy = created.json();
    expect(
      policy.steps.map((s: { position: number; offsetDays: number }) => [s.position, s.offsetDays]),
    ).toEqual([
      [1, -5],
      [2, 10],
    ]);
    const updated = await t.inject({
      method: 'PUT',
      url: `/api/followup/policies/${policy.id}`,
      headers: bearer(token),
      payload: { name: 'Gentle', steps: [step('Only', 3, 'friendly')] },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().steps).toHaveLength(1);
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/followup/policies/${policy.id}`,
      headers: bearer(token),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.inject({
      method: 'GET',
      url: `/api/followup/policies/${policy.id}`,
      headers: bearer(token),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('sets a customer policy and exclusion, previews, runs, and pauses through the API', async () => {
    const t = get();
    const token = await t.tokenWith(['finance']);
    const c = await customer(t.ctx, t.adminActor);
    const inv = await invoiceDue(t.ctx, t.adminActor, c.id, 15_000, '2026-06-10');
    await drainJobs(t.ctx);

    const exclude = await t.inject({
      method: 'PUT',
      url: `/api/followup/customers/${c.id}/settings`,
      headers: bearer(token),
      payload: { policyId: null, excluded: true },
    });
    expect(exclude.statusCode).toBe(400);
    expect(exclude.json().errors[0].path).toBe('exclusionReason');

    const preview = await t.inject({
      method: 'GET',
      url: `/api/followup/preview?asOf=2026-06-20&customerId=${c.id}`,
      headers: bearer(token),
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, itemsClaimed: 1, messages: 1 });

    const pause = await post('/api/followup/pauses', {
      invoiceId: inv.id,
      kind: 'payment_processing',
      sourceId: 'SEPA-123',
      reason: 'Direct debit in progress',
    });
    expect(pause.statusCode).toBe(201);
    const items = await t.inject({
      method: 'GET',
      url: `/api/followup/items?invoiceId=${inv.id}`,
      headers: bearer(token),
    });
    expect(items.json()[0]).toMatchObject({ invoiceId: inv.id, paused: true, currentStep: 0 });
    const held = await post('/api/followup/run', { asOf: '2026-06-20', customerId: c.id });
    expect(held.json()).toMatchObject({ itemsDue: 0, messages: 0 });
    const end = await post(`/api/followup/pauses/${pause.json().id}/end`, { reason: 'Debit failed' });
    expect(end.json().endedReason).toBe('Debit failed');

    const run = await post('/api/followup/run', { asOf: '2026-06-20', customerId: c.id });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ itemsClaimed: 1, messages: 1, dryRun: false });
    const actions = await t.inject({
      method: 'GET',
      url: `/api/followup/actions?customerId=${c.id}`,
      headers: bearer(token),
    });
    expect(actions.json()[0]).toMatchObject({ kind: 'reminder', stepPosition: 2 });
    expect(actions.json()[0].messageId).toMatch(/^mail_|^[a-z]+_/);

    const sales = await t.tokenWith(['sales']);
    const refused = await t.inject({
      method: 'POST',
      url: '/api/followup/run',
      headers: bearer(sales),
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
  });
});
