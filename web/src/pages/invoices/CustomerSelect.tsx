import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { customersApi } from '../../api/endpoints.js';
import type { Customer } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';

const label = (c: Pick<Customer, 'legalName' | 'code'>) => `${c.legalName} (${c.code})`;

/** One customer, by id: cached, so lists can name the customer of each row. */
export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: () => customersApi.get(id!),
    enabled: !!id,
    staleTime: 60_000,
  });
}

/** A customer's name as a link to its page (fetched by id). */
export function CustomerLink(props: { customerId: string; name?: string | null }) {
  const query = useCustomer(props.name ? null : props.customerId);
  const name = props.name ?? query.data?.legalName;
  return (
    <RouterAnchor to="/receivables/customers/$customerId" params={{ customerId: props.customerId }} size="sm">
      {name ?? (
        <Text span size="xs" ff="monospace">
          {props.customerId}
        </Text>
      )}
    </RouterAnchor>
  );
}

/** Pick an active customer by searching name, code, tax id or email on the server. */
export function CustomerSelect(props: {
  label?: string;
  value: string | null;
  onChange: (id: string | null, customer: Customer | null) => void;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  clearable?: boolean;
  placeholder?: string;
  w?: number;
  description?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const selected = useCustomer(props.value);
  const results = useQuery({
    queryKey: ['customers', 'list', { q: debounced, picker: true }],
    queryFn: () => customersApi.list({ q: debounced, status: 'active', limit: 20 }),
    staleTime: 30_000,
  });
  const found = results.data?.items ?? [];
  const options = new Map<string, Customer>();
  if (selected.data) options.set(selected.data.id, selected.data);
  for (const c of found) options.set(c.id, c);
  const data = [...options.values()].map((c) => ({ value: c.id, label: label(c) }));

  return (
    <Select
      label={props.label ?? 'Customer'}
      description={props.description}
      placeholder={props.placeholder ?? 'Search by name or code'}
      searchable
      required={props.required}
      disabled={props.disabled}
      clearable={props.clearable}
      w={props.w}
      data={data}
      value={props.value}
      onChange={(id) => props.onChange(id, id ? (options.get(id) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: opts }) => opts}
      nothingFoundMessage={results.isPending ? 'Searching…' : 'No customer found'}
      error={props.error}
    />
  );
}
