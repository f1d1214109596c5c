import { Badge, Button, Center, Group, Loader, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconBook2,
  IconCash,
  IconFileInvoice,
  IconHistory,
  IconId,
  IconPencil,
  IconUserQuestion,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.js';
import { customersApi } from '../../api/endpoints.js';
import type { Customer } from '../../api/types.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { HoldBanner } from '../../components/HoldBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { CustomerInvoices } from '../invoices/CustomerInvoices.js';
import { CustomerLedger } from '../payments/CustomerLedger.js';
import { CustomerPayments } from '../payments/CustomerPayments.js';
import { useCanWriteCustomers, useOwners } from './access.js';
import { ContactsSection } from './ContactsSection.js';
import { CustomerFormModal } from './CustomerFormModal.js';
import { CustomerOverview } from './CustomerOverview.js';
import { CustomerTimeline } from './CustomerTimeline.js';

function BackLink() {
  return (
    <RouterAnchor
      to="/receivables/customers"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Customers
    </RouterAnchor>
  );
}

export function CustomerDetailPage(props: { customerId: string }) {
  const query = useQuery({
    queryKey: ['customers', 'detail', props.customerId],
    queryFn: () => customersApi.get(props.customerId),
  });

  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError)
    return (
      <>
        <BackLink />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconUserQuestion size={28} />}
            title="Customer not found"
            description="There is no customer with this id. It may have been mistyped in the address."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <CustomerDetail customer={query.data} />;
}

function CustomerDetail(props: { customer: Customer }) {
  const { customer } = props;
  const queryClient = useQueryClient();
  const canWrite = useCanWriteCustomers();
  const owners = useOwners();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const archived = customer.status === 'archived';

  const toggle = useMutation({
    mutationFn: () => (archived ? customersApi.unarchive(customer.id) : customersApi.archive(customer.id)),
    onSuccess: (updated) => {
      queryClient.setQueryData(['customers', 'detail', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      notifications.show({
        color: 'teal',
        title: updated.status === 'archived' ? 'Customer archived' : 'Customer active again',
        message: `${updated.legalName} (${updated.code})`,
      });
      closeConfirm();
    },
  });
  function closeConfirm() {
    setConfirming(false);
    toggle.reset();
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={customer.legalName}
        description={
          <Group gap="xs" component="span">
            <Text span ff="monospace" size="sm">
              {customer.code}
            </Text>
            <Badge
              variant="light"
              color={archived ? 'gray' : 'teal'}
              radius="sm"
              aria-label={`Status: ${customer.status}`}
            >
              {customer.status}
            </Badge>
            <Text span size="sm">
              {customer.billingAddress.city}, {customer.billingAddress.country} · {customer.currency}
            </Text>
          </Group>
        }
        actions={
          canWrite ? (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
              <Button
                variant="default"
                color={archived ? undefined : 'red'}
                leftSection={archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                onClick={() => setConfirming(true)}
              >
                {archived ? 'Unarchive' : 'Archive'}
              </Button>
            </>
          ) : null
        }
      />
      <HoldBanner customerId={customer.id} allowPlace={!archived} />

      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconId size={16} />}>
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="contacts" leftSection={<IconAddressBook size={16} />}>
            Contacts ({customer.contacts.length})
          </Tabs.Tab>
          <Tabs.Tab value="invoices" leftSection={<IconFileInvoice size={16} />}>
            Invoices
          </Tabs.Tab>
          <Tabs.Tab value="payments" leftSection={<IconCash size={16} />}>
            Payments
          </Tabs.Tab>
          <Tabs.Tab value="ledger" leftSection={<IconBook2 size={16} />}>
            Ledger
          </Tabs.Tab>
          <Tabs.Tab value="timeline" leftSection={<IconHistory size={16} />}>
            Timeline
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <CustomerOverview customer={customer} owners={owners} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts">
          <ContactsSection customer={customer} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="invoices">
          <CustomerInvoices customerId={customer.id} />
        </Tabs.Panel>
        <Tabs.Panel value="payments">
          <CustomerPayments customer={customer} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger">
          <CustomerLedger customer={customer} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <CustomerTimeline customerId={customer.id} />
        </Tabs.Panel>
      </Tabs>

      {editing ? <CustomerFormModal customer={customer} onClose={() => setEditing(false)} /> : null}
      <ConfirmModal
        opened={confirming}
        title={archived ? 'Unarchive customer' : 'Archive customer'}
        message={
          archived
            ? `${customer.legalName} becomes active again and shows in the customer list.`
            : `${customer.legalName} is hidden from the customer list (filter by "Archived" to find it). Its history is kept, and it can be made active again.`
        }
        confirmLabel={archived ? 'Unarchive' : 'Archive'}
        color={archived ? 'teal' : 'red'}
        loading={toggle.isPending}
        error={toggle.error}
        onConfirm={() => toggle.mutate()}
        onClose={closeConfirm}
      />
    </>
  );
}
