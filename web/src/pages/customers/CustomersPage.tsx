import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type CustomerFilters, customersApi } from '../../api/endpoints.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { useCanWriteCustomers, useOwners } from './access.js';
import { CustomerFormModal } from './CustomerFormModal.js';
import { CUSTOMER_COLUMNS, CustomerRow } from './CustomerRow.js';
import { CURRENCY_OPTIONS } from './countries.js';
import { ImportCustomersModal } from './ImportCustomersModal.js';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

const asStatus = (value: string | null): CustomerFilters['status'] =>
  value === 'archived' || value === 'all' ? value : 'active';

export function CustomersPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteCustomers();
  const owners = useOwners();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [status, setStatus] = useState<string>('active');
  const [currency, setCurrency] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const tags = useQuery({ queryKey: ['customers', 'tags'], queryFn: customersApi.tags });
  const filters: CustomerFilters = { q: debouncedQ, status: asStatus(status), currency, tag, ownerId };
  const list = useCursorList(['customers', 'list', filters], (page) =>
    customersApi.list({ ...filters, ...page }),
  );

  return (
    <>
      <PageHeader
        title="Customers"
        description="Who you bill, on which terms, and up to what credit."
        actions={
          <>
            <Button
              component="a"
              href={customersApi.exportUrl(filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Export CSV
            </Button>
            {canWrite ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={16} />}
                  onClick={() => setImporting(true)}
                >
                  Import CSV
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  New customer
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <PagedTable
        list={list}
        label="Customers"
        minWidth={1000}
        columns={CUSTOMER_COLUMNS}
        empty={
          debouncedQ || currency || tag || ownerId || status !== 'active'
            ? 'No customers match these filters.'
            : 'No customers yet. Create one or import a CSV file.'
        }
        noun="customer"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label="Search"
              placeholder="Name, code, tax id or email"
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={280}
            />
            <Select
              label="Status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={(value) => setStatus(value ?? 'active')}
              allowDeselect={false}
              w={130}
            />
            <Select
              label="Currency"
              placeholder="Any currency"
              searchable
              data={CURRENCY_OPTIONS}
              value={currency}
              onChange={setCurrency}
              clearable
              w={200}
            />
            <Select
              label="Tag"
              placeholder={tags.data?.tags.length === 0 ? 'No tags yet' : 'Any tag'}
              searchable
              data={tags.data?.tags ?? []}
              value={tag}
              onChange={setTag}
              clearable
              w={180}
            />
            {owners.options.length > 0 ? (
              <Select
                label="Owner"
                placeholder="Any owner"
                searchable
                data={owners.options}
                value={ownerId}
                onChange={setOwnerId}
                clearable
                w={200}
              />
            ) : null}
          </Group>
        }
        row={(customer) => <CustomerRow customer={customer} owners={owners} />}
      />

      {creating ? (
        <CustomerFormModal
          onClose={() => setCreating(false)}
          onSaved={(customer) =>
            void navigate({ to: '/receivables/customers/$customerId', params: { customerId: customer.id } })
          }
        />
      ) : null}
      <ImportCustomersModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
