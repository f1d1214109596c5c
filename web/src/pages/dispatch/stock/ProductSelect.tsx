import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { productsApi } from '../../../api/endpoints.js';
import type { Product } from '../../../api/types.js';

export type ProductRef = Pick<Product, 'id' | 'sku' | 'name'>;

export const productLabel = (p: Pick<Product, 'sku' | 'name'>) => `${p.sku} — ${p.name}`;

/** Picks a product by SKU, name or GTIN, searched on the server as the user types. */
export function ProductSelect(props: {
  label: string;
  value: ProductRef | null;
  onChange: (product: ProductRef | null) => void;
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
  w?: number;
  /** Offer inactive products too (filters); forms offer active ones only. */
  includeInactive?: boolean;
}) {
  const [search, setSearch] = useState(props.value ? productLabel(props.value) : '');
  const term = props.value && search === productLabel(props.value) ? '' : search.trim();
  const [debounced] = useDebouncedValue(term, 250);
  const results = useQuery({
    queryKey: ['products', 'list', 'pick', debounced, props.includeInactive ?? false],
    queryFn: () =>
      productsApi.list({ q: debounced, active: props.includeInactive ? 'all' : 'true', limit: 20 }),
    staleTime: 10_000,
  });
  const found: ProductRef[] = results.data?.items ?? [];
  const products =
    props.value && !found.some((p) => p.id === props.value?.id) ? [props.value, ...found] : found;

  return (
    <Select
      label={props.label}
      placeholder={props.placeholder ?? 'SKU, name or GTIN'}
      required={props.required}
      searchable
      clearable
      w={props.w}
      data={products.map((p) => ({ value: p.id, label: productLabel(p) }))}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={props.value?.id ?? null}
      onChange={(id) => props.onChange(products.find((p) => p.id === id) ?? null)}
      nothingFoundMessage={results.isPending ? 'Searching…' : 'No product matches'}
      error={props.error}
    />
  );
}
