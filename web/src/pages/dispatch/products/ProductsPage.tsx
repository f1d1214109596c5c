import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type ProductFilters, productsApi } from '../../../api/endpoints.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { formatMoney } from '../../../lib/money.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { useCanWriteCatalog } from '../access.js';
import { ImportProductsModal } from './ImportProductsModal.js';
import { ProductFormModal } from './ProductFormModal.js';

const ACTIVE_OPTIONS = [
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Inactive' },
  { value: 'all', label: 'All' },
];

const asActive = (v: string | null): NonNullable<ProductFilters['active']> =>
  v === 'false' || v === 'all' ? v : 'true';

export function ProductsPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteCatalog();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [active, setActive] = useState<string>('true');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const filters: ProductFilters = { q: debouncedQ, active: asActive(active) };
  const list = useCursorList(['products', 'list', filters], (page) =>
    productsApi.list({ ...filters, ...page }),
  );

  return (
    <>
      <PageHeader
        title="Products"
        description="What you stock and ship: SKU, barcode, unit, weight and size, customs data and list price."
        actions={
          <>
            <Button
              component="a"
              href={productsApi.exportUrl(filters)}
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
                  New product
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <PagedTable
        list={list}
        label="Products"
        minWidth={900}
        columns={[
          { label: 'SKU', w: 170 },
          'Name',
          { label: 'GTIN', w: 160 },
          { label: 'Unit', w: 80 },
          { label: 'Price', w: 130, ta: 'right' },
          { label: 'Status', w: 100 },
        ]}
        empty={
          debouncedQ || active !== 'true'
            ? 'No products match these filters.'
            : 'No products yet. Create one or import a CSV file.'
        }
        noun="product"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label="Search"
              placeholder="SKU, name or GTIN"
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={280}
            />
            <Select
              label="Status"
              data={ACTIVE_OPTIONS}
              value={active}
              onChange={(v) => setActive(v ?? 'true')}
              allowDeselect={false}
              w={130}
            />
          </Group>
        }
        row={(p) => (
          <Table.Tr>
            <Table.Td>
              <RouterAnchor
                to="/dispatch/products/$productId"
                params={{ productId: p.id }}
                size="sm"
                ff="monospace"
              >
                {p.sku}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{p.name}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {p.gtin ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{p.unit}</Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{p.price ? formatMoney(p.price.amount, p.price.currency) : '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={p.active ? 'teal' : 'gray'} radius="sm">
                {p.active ? 'active' : 'inactive'}
              </Badge>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {creating ? (
        <ProductFormModal
          onClose={() => setCreating(false)}
          onSaved={(p) => void navigate({ to: '/dispatch/products/$productId', params: { productId: p.id } })}
        />
      ) : null}
      <ImportProductsModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
