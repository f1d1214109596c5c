import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { paymentsApi } from '../../api/endpoints.js';
import type { Customer } from '../../api/types.js';
import { PagedTable } from '../../components/PagedTable.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { useCanWriteReceivables } from '../invoices/access.js';
import { CUSTOMER_PAYMENT_COLUMNS, PaymentRow } from './PaymentRow.js';
import { RecordPaymentModal } from './RecordPaymentModal.js';

/** A customer's payments (the Payments tab of the customer page). */
export function CustomerPayments(props: { customer: Customer }) {
  const { customer } = props;
  const canWrite = useCanWriteReceivables();
  const [recording, setRecording] = useState(false);
  const filters = { customerId: customer.id };
  const list = useCursorList(['payments', 'list', filters], (page) =>
    paymentsApi.list({ ...filters, ...page }),
  );
  return (
    <>
      <PagedTable
        list={list}
        label="Customer payments"
        minWidth={800}
        columns={CUSTOMER_PAYMENT_COLUMNS}
        empty="No payments from this customer yet."
        noun="payment"
        toolbar={
          canWrite ? (
            <Group mb="sm" justify="flex-end">
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRecording(true)}>
                Record payment
              </Button>
            </Group>
          ) : null
        }
        row={(payment) => <PaymentRow payment={payment} withCustomer={false} />}
      />
      {recording ? (
        <RecordPaymentModal
          prefill={{ customerId: customer.id, currency: customer.currency }}
          onClose={() => setRecording(false)}
        />
      ) : null}
    </>
  );
}
