import { Alert, Button, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { invoicesApi } from '../../api/endpoints.js';
import type { Invoice } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { formError } from '../../lib/fieldErrors.js';
import { formatMoney } from '../../lib/money.js';
import { pathErrors } from '../customers/formErrors.js';
import { todayIso } from './dates.js';
import { type LineDraft, lineDraft, lineInput, newLine } from './invoiceDraft.js';
import { LinesGrid } from './LinesGrid.js';

/** Issue a credit note against an invoice: in full (voids it) or for some lines or an amount. */
export function CreditModal(props: { invoice: Invoice; onClose: () => void }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'full' | 'partial'>(invoice.paidAmount > 0 ? 'partial' : 'full');
  const [lines, setLines] = useState<LineDraft[]>(() => invoice.lines.map(lineDraft));
  const [issueDate, setIssueDate] = useState(todayIso());
  const [notes, setNotes] = useState('');

  const credit = useMutation({
    mutationFn: () =>
      invoicesApi.credit(invoice.id, {
        mode,
        issueDate,
        notes: notes.trim() || null,
        ...(mode === 'partial' ? { lines: lines.map(lineInput) } : {}),
      }),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      notifications.show({
        color: 'teal',
        title: `Credit note ${note.number ?? ''} issued`,
        message: `${formatMoney(note.grossTotal, note.currency)} credited on ${invoice.number}.`,
      });
      props.onClose();
      void navigate({ to: '/receivables/invoices/$invoiceId', params: { invoiceId: note.id } });
    },
  });
  const errors = pathErrors(credit.error);
  const lineErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === 'lines') lineErrors[''] = message;
    else if (path.startsWith('lines.')) lineErrors[path.slice(6)] = message;
  }

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={`Credit ${invoice.number}`}
      size={mode === 'partial' ? 1100 : 'md'}
    >
      <ModalForm
        message={formError(credit.error, ['mode', 'issueDate', 'notes', 'lines'])}
        submitLabel="Issue credit note"
        submitting={credit.isPending}
        onSubmit={() => credit.mutate()}
        onCancel={props.onClose}
      >
        <SegmentedControl
          aria-label="What to credit"
          value={mode}
          onChange={(v) => setMode(v === 'partial' ? 'partial' : 'full')}
          data={[
            { value: 'full', label: 'The whole invoice', disabled: invoice.paidAmount > 0 },
            { value: 'partial', label: 'Some lines or an amount' },
          ]}
        />
        {mode === 'full' ? (
          <Alert color="orange">
            A full credit note of {formatMoney(invoice.grossTotal, invoice.currency)} cancels {invoice.number}
            : the invoice becomes void.
          </Alert>
        ) : (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Keep the lines to credit and adjust quantities or prices, or credit an amount with a single
              line.
            </Text>
            <LinesGrid lines={lines} onChange={setLines} currency={invoice.currency} errors={lineErrors} />
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              w="fit-content"
              onClick={() => {
                const first = invoice.lines[0];
                setLines([
                  newLine({
                    description: `Price adjustment on ${invoice.number}`,
                    quantity: '1',
                    unit: 'pcs',
                    taxCategory: first ? lineDraft(first).taxCategory : 'S',
                    taxRate: first?.taxRate ?? '20',
                    exemptionReason: first?.exemptionReason ?? '',
                  }),
                ]);
              }}
            >
              Credit an amount instead
            </Button>
          </Stack>
        )}
        <TextInput
          label="Issue date"
          type="date"
          value={issueDate}
          onChange={(e) => setIssueDate(e.currentTarget.value)}
          error={errors.issueDate}
          w={200}
        />
        <Textarea
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
      </ModalForm>
    </Modal>
  );
}
