import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { PaymentTerms } from '../../api/types.js';
import { nextPartKey, type TermsDraft, termsInput } from './customerDraft.js';
import { errorAt } from './formErrors.js';
import { describePaymentTerms } from './paymentTerms.js';

const KINDS: { value: PaymentTerms['kind']; label: string }[] = [
  { value: 'net', label: 'Net days' },
  { value: 'end_of_month', label: 'End of month +' },
  { value: 'instalments', label: 'Instalments' },
];

const isKind = (value: string): value is PaymentTerms['kind'] => KINDS.some((k) => k.value === value);

function percentTotal(draft: TermsDraft): number {
  return draft.parts.reduce((sum, p) => sum + Math.round((Number(p.percent) || 0) * 100), 0) / 100;
}

/** Net N / end of month + N / instalments (rows of days and percent), with an optional early discount. */
export function PaymentTermsEditor(props: {
  value: TermsDraft;
  onChange: (value: TermsDraft) => void;
  /** Server messages by path below `paymentTerms` (`days`, `parts.1.percent`, `earlyDiscount.days`…). */
  errors: Record<string, string>;
}) {
  const { value: draft, onChange, errors } = props;
  const set = (patch: Partial<TermsDraft>) => onChange({ ...draft, ...patch });
  const setPart = (key: number, patch: Partial<TermsDraft['parts'][number]>) =>
    set({ parts: draft.parts.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
  const total = percentTotal(draft);
  const complete =
    draft.kind === 'instalments'
      ? draft.parts.every((p) => p.days !== '' && p.percent !== '')
      : draft.days !== '';
  const summary = complete ? describePaymentTerms(termsInput(draft)) : null;

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="payment-terms-label">
        Payment terms
      </Text>
      <SegmentedControl
        aria-labelledby="payment-terms-label"
        data={KINDS}
        value={draft.kind}
        onChange={(kind) => isKind(kind) && set({ kind })}
        w="fit-content"
      />
      {draft.kind === 'instalments' ? (
        <Stack gap={6}>
          {draft.parts.map((part, i) => (
            <Group key={part.key} gap="xs" align="flex-start" wrap="nowrap">
              <NumberInput
                label={i === 0 ? 'Share' : undefined}
                aria-label={`Instalment ${i + 1} share`}
                suffix="%"
                min={0}
                max={100}
                decimalScale={2}
                value={part.percent}
                onChange={(percent) => setPart(part.key, { percent })}
                error={errors[`parts.${i}.percent`]}
                w={110}
              />
              <NumberInput
                label={i === 0 ? 'Due after (days)' : undefined}
                aria-label={`Instalment ${i + 1} days`}
                min={0}
                max={730}
                allowDecimal={false}
                value={part.days}
                onChange={(days) => setPart(part.key, { days })}
                error={errors[`parts.${i}.days`]}
                w={150}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={i === 0 ? 28 : 4}
                aria-label={`Remove instalment ${i + 1}`}
                disabled={draft.parts.length <= 2}
                onClick={() => set({ parts: draft.parts.filter((p) => p.key !== part.key) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group gap="sm">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={draft.parts.length >= 24}
              onClick={() => {
                const last = draft.parts[draft.parts.length - 1];
                set({
                  parts: [
                    ...draft.parts,
                    { key: nextPartKey(), days: (Number(last?.days) || 0) + 30, percent: '' },
                  ],
                });
              }}
            >
              Add instalment
            </Button>
            <Text size="xs" c={total === 100 ? 'dimmed' : 'orange'}>
              Shares add up to {total}%{total === 100 ? '' : ' (must be 100%)'}
            </Text>
          </Group>
          {errors.parts ? (
            <Text size="xs" c="red" role="alert">
              {errors.parts}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <NumberInput
          label={draft.kind === 'net' ? 'Days after the invoice date' : 'Days after the end of the month'}
          min={0}
          max={730}
          allowDecimal={false}
          value={draft.days}
          onChange={(days) => set({ days })}
          error={errors.days}
          w={240}
        />
      )}
      <Checkbox
        label="Early-payment discount"
        checked={draft.withDiscount}
        onChange={(e) => set({ withDiscount: e.currentTarget.checked })}
        mt={4}
      />
      {draft.withDiscount ? (
        <Group gap="xs" align="flex-start">
          <NumberInput
            label="Discount"
            suffix="%"
            min={0}
            max={99.99}
            decimalScale={2}
            value={draft.discountPercent}
            onChange={(discountPercent) => set({ discountPercent })}
            error={errorAt(errors, 'earlyDiscount.percent')}
            w={110}
          />
          <NumberInput
            label="If paid within (days)"
            min={0}
            max={730}
            allowDecimal={false}
            value={draft.discountDays}
            onChange={(discountDays) => set({ discountDays })}
            error={errorAt(errors, 'earlyDiscount.days')}
            w={170}
          />
        </Group>
      ) : null}
      {summary ? (
        <Text size="xs" c="dimmed">
          Summary: {summary}
        </Text>
      ) : null}
      {errors[''] ? (
        <Text size="xs" c="red" role="alert">
          {errors['']}
        </Text>
      ) : null}
    </Stack>
  );
}
