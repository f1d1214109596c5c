import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { invoicesApi } from '../../api/endpoints.js';
import { PagedTable } from '../../components/PagedTable.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { useCanWriteReceivables } from './access.js';
import { CUSTOMER_INVOICE_COLUMNS, InvoiceRow } from './InvoiceRow.js';

/** A customer's invoices and credit notes (the Invoices tab of the customer page). */
export function CustomerInvoices(props: { customerId: string }) {
  const navigate = useNavigate();
  const canWrite = useCanWriteReceivables();
  const filters = { customerId: props.customerId };
  const list = useCursorList(['invoices', 'list', filters], (page) =>
    invoicesApi.list({ ...filters, ...page }),
  );
  return (
    <PagedTable
      list={list}
      label="Customer invoices"
      minWidth={800}
      columns={CUSTOMER_INVOICE_COLUMNS}
      empty="No invoices for this customer yet."
      noun="document"
      toolbar={
        canWrite ? (
          <Group mb="sm" justify="flex-end">
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                void navigate({ to: '/receivables/invoices/new', search: { customerId: props.customerId } })
              }
            >
              New invoice
            </Button>
          </Group>
        ) : null
      }
      row={(invoice) => <InvoiceRow invoice={invoice} withCustomer={false} />}
    />
  );
}
