import { describe, expect, it } from 'vitest';
import { checkSteps, dueStep, interestDays, percentFee, simpleInterest, unknownVariables } from './rules.js';
import { renderReminder } from './templates.js';

const steps = [
  { position: 1, offsetDays: -3 },
  { position: 2, offsetDays: 7 },
  { position: 3, offsetDays: 21 },
];

describe('follow-up rules', () => {
  it('fires only the latest due step after a gap, and schedules the next one', () => {
    expect(dueStep(steps, '2026-03-10', 0, '2026-03-06')).toMatchObject({
      step: undefined,
      nextDate: '2026-03-07',
    });
    expect(dueStep(steps, '2026-03-10', 0, '2026-03-07')).toMatchObject({
      step: steps[0],
      nextDate: '2026-03-17',
    });
    expect(dueStep(steps, '2026-03-10', 1, '2026-04-15')).toMatchObject({
      step: steps[2],
      skipped: [2],
      nextDate: null,
    });
    expect(dueStep(steps, '2026-03-10', 3, '2026-09-01')).toMatchObject({ step: undefined, nextDate: null });
  });

  it('computes fees and simple interest exactly, rounding half up', () => {
    expect(percentFee(123_456, '5')).toBe(6173);
    expect(percentFee(1_000, '0.125')).toBe(1);
    expect(percentFee(4_000, '0.125')).toBe(5);
    expect(simpleInterest(123_456, '10', 10)).toBe(338);
    expect(simpleInterest(36_500, '10', 1)).toBe(10);
    expect(simpleInterest(100_000, '12.5', 0)).toBe(0);
    expect(interestDays('2026-04-01', null, '2026-04-11')).toBe(10);
    expect(interestDays('2026-04-01', '2026-04-11', '2026-05-11')).toBe(30);
  });

  it('names the step and the variable of every error', () => {
    expect(unknownVariables('Hi {{customerName}} {{ foo }} {{foo}}')).toEqual(['foo']);
    const errors = checkSteps([
      { name: 'A', offsetDays: 5, tone: 'friendly', actions: [{ type: 'reminder' }] },
      {
        name: 'B',
        offsetDays: 2,
        tone: 'firm',
        actions: [
          { type: 'reminder', templates: { en: { subject: '{{x}}', body: 'ok' } } },
          { type: 'late_fee', mode: 'percent', percent: '-1' },
        ],
      },
    ]);
    expect(errors.map((e) => e.path)).toEqual([
      'steps.1.offsetDays',
      'steps.1.actions.0.templates.en.subject',
      'steps.1.actions.1.percent',
    ]);
  });

  it('renders one reminder for several invoices, in the customer’s language', () => {
    const message = renderReminder(
      {
        language: 'fr',
        customerName: 'Dubois',
        companyName: 'Duely',
        today: '2026-03-20',
        lines: [
          { number: 'INV-1', dueDate: '2026-03-01', currency: 'EUR', openAmount: 10_000, paymentLink: null },
          {
            number: 'INV-2',
            dueDate: '2026-03-10',
            currency: 'EUR',
            openAmount: 5_050,
            paymentLink: 'https://pay/2',
          },
        ],
        paymentInstructions: ['- Virement'],
      },
      'firm',
      undefined,
    );
    expect(message.subject).toMatch(/^Factures échues : INV-1, INV-2 \(150,50\s€\)$/);
    expect(message.body).toContain('19 j de retard');
    expect(message.body).toContain('jusqu’à 19 jours');
  });
});
