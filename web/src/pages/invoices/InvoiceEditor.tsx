import { Alert, Button, Grid, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { invoicesApi } from '../../api/endpoints.js';
import type { Invoice, UpdateDraftInput } from '../../api/types.js';
import { formError } from '../../lib/fieldErrors.js';
import { CURRENCY_OPTIONS } from '../customers/countries.js';
import { pathErrors } from '../customers/formErrors.js';
import { CustomerSelect, useCustomer } from './CustomerSelect.js';
import {
  type HeaderDraft,
  headerDraft,
  type LineDraft,
  lineDraft,
  lineInput,
  newLine,
} from './invoiceDraft.js';
import { LinesGrid } from './LinesGrid.js';
import { TotalsPanel } from './TotalsPanel.js';

const FIELDS = ['customerId', 'currency', 'language', 'issueDate', 'purchaseOrder', 'notes', 'lines'];

/** Messages below `prefix.` with the prefix removed; the one at `prefix` itself under ''. */
function below(errors: Record<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) result[''] = message;
    else if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  }
  return result;
}

/**
 * The editor of a draft invoice: customer, currency, language, dates and the lines grid. Saving sends
 * the whole draft; the server computes the totals (shown beside) or names each faulty cell.
 * Without `invoice` it creates the draft on the first save and then opens it.
 */
export function InvoiceEditor(props: {
  invoice: Invoice | null;
  initialCustomerId?: string | undefined;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [header, setHeader] = useState<HeaderDraft>(() => ({
    ...headerDraft(invoice),
    ...(invoice ? {} : { customerId: props.initialCustomerId ?? null }),
  }));
  const [lines, setLines] = useState<LineDraft[]>(() =>
    invoice ? invoice.lines.map(lineDraft) : [newLine()],
  );
  const [dirty, setDirtyState] = useState(!invoice);
  const setDirty = (value: boolean) => {
    setDirtyState(value);
    props.onDirtyChange?.(value);
  };
  const set = <K extends keyof HeaderDraft>(key: K, value: HeaderDraft[K]) => {
    setHeader((h) => ({ ...h, [key]: value }));
    setDirty(true);
  };
  const currency = header.currency ?? invoice?.currency ?? 'EUR';
  // A new draft opened for a customer starts in that customer's currency and language.
  const preselected = useCustomer(invoice || header.currency ? null : header.customerId);
  useEffect(() => {
    const customer = preselected.data;
    if (!customer) return;
    setHeader((h) =>
      h.currency || h.customerId !== customer.id
        ? h
        : { ...h, currency: customer.currency, language: h.language || customer.language },
    );
  }, [preselected.data]);

  const save = useMutation({
    mutationFn: () => {
      const input: UpdateDraftInput = {
        ...(header.customerId ? { customerId: header.customerId } : {}),
        ...(header.currency ? { currency: header.currency } : {}),
        ...(header.language.trim() ? { language: header.language.trim() } : {}),
        issueDate: header.issueDate || null,
        purchaseOrder: header.purchaseOrder.trim() || null,
        notes: header.notes.trim() || null,
        lines: lines.map(lineInput),
      };
      if (invoice) return invoicesApi.update(invoice.id, input);
      return invoicesApi.create({ ...input, kind: 'invoice', customerId: header.customerId ?? '' });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['invoices', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      setLines(saved.lines.map(lineDraft));
      setHeader(headerDraft(saved));
      setDirty(false);
      notifications.show({ color: 'teal', title: 'Draft saved', message: 'The totals are up to date.' });
      if (!invoice)
        void navigate({
          to: '/receivables/invoices/$invoiceId',
          params: { invoiceId: saved.id },
          replace: true,
        });
    },
  });

  const errors = pathErrors(save.error);
  const message = formError(save.error, FIELDS);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label="Invoice editor"
    >
      <Stack>
        {message ? (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <CustomerSelect
                required
                value={header.customerId}
                onChange={(id, customer) => {
                  setHeader((h) => ({
                    ...h,
                    customerId: id,
                    ...(customer ? { currency: customer.currency, language: customer.language } : {}),
                  }));
                  setDirty(true);
                }}
                error={errors.customerId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <Select
                label="Currency"
                description="Default: the customer's"
                searchable
                data={CURRENCY_OPTIONS}
                value={header.currency}
                onChange={(v) => set('currency', v)}
                error={errors.currency}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <TextInput
                label="Language"
                description="Of the PDF and email, e.g. en, fr"
                value={header.language}
                onChange={(e) => set('language', e.currentTarget.value)}
                error={errors.language}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <TextInput
                label="Issue date"
                description="Empty: the day it is issued"
                type="date"
                value={header.issueDate}
                onChange={(e) => set('issueDate', e.currentTarget.value)}
                error={errors.issueDate}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 3 }}>
              <TextInput
                label="Purchase order"
                description="The buyer's reference"
                value={header.purchaseOrder}
                onChange={(e) => set('purchaseOrder', e.currentTarget.value)}
                error={errors.purchaseOrder}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Textarea
                label="Notes"
                description="Printed on the invoice"
                autosize
                minRows={1}
                maxRows={4}
                value={header.notes}
                onChange={(e) => set('notes', e.currentTarget.value)}
                error={errors.notes}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Lines
          </Title>
          <LinesGrid
            lines={lines}
            onChange={(next) => {
              setLines(next);
              setDirty(true);
            }}
            currency={currency}
            errors={below(errors, 'lines')}
          />
        </Paper>

        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Group>
              <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} />}>
                {invoice ? 'Save draft' : 'Create draft'}
              </Button>
            </Group>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {invoice ? <TotalsPanel invoice={invoice} stale={dirty} /> : null}
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
