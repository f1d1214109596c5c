import { Checkbox, Grid, Modal, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { productsApi } from '../../../api/endpoints.js';
import type { Product, ProductInput } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { formError } from '../../../lib/fieldErrors.js';
import { parseMoneyInput, toDecimalString } from '../../../lib/money.js';
import { COUNTRY_OPTIONS, CURRENCY_OPTIONS } from '../../customers/countries.js';
import { errorAt, pathErrors } from '../../customers/formErrors.js';

const FIELDS = [
  'sku',
  'name',
  'gtin',
  'unit',
  'weightGrams',
  'dimensionsMm',
  'hsCode',
  'countryOfOrigin',
  'price',
  'active',
];

interface Draft {
  sku: string;
  name: string;
  gtin: string;
  unit: string;
  weight: string;
  length: string;
  width: string;
  height: string;
  hsCode: string;
  country: string | null;
  price: string;
  currency: string | null;
  active: boolean;
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function draftOf(p: Product | undefined): Draft {
  return {
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    gtin: p?.gtin ?? '',
    unit: p?.unit ?? 'pcs',
    weight: str(p?.weightGrams),
    length: str(p?.dimensionsMm?.length),
    width: str(p?.dimensionsMm?.width),
    height: str(p?.dimensionsMm?.height),
    hsCode: p?.hsCode ?? '',
    country: p?.countryOfOrigin ?? null,
    price: p?.price ? toDecimalString(p.price.amount, p.price.currency) : '',
    currency: p?.price?.currency ?? 'EUR',
    active: p?.active ?? true,
  };
}

/** A whole number typed by a person, or NaN (the server then names the field). */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text.trim()) : Number.NaN);

type Built = { input: ProductInput } | { errors: Record<string, string> };

function build(d: Draft): Built {
  const errors: Record<string, string> = {};
  let weightGrams: number | null = null;
  if (d.weight.trim()) {
    weightGrams = whole(d.weight);
    if (Number.isNaN(weightGrams)) errors.weightGrams = 'Must be a whole number of grams';
  }
  const dims = [d.length, d.width, d.height];
  let dimensionsMm: ProductInput['dimensionsMm'] = null;
  if (dims.some((v) => v.trim())) {
    const [length, width, height] = dims.map(whole) as [number, number, number];
    if ([length, width, height].some(Number.isNaN))
      errors.dimensionsMm = 'Give length, width and height, each a whole number of millimetres';
    else dimensionsMm = { length, width, height };
  }
  let price: ProductInput['price'] = null;
  if (d.price.trim()) {
    if (!d.currency) errors.price = 'Choose the currency of the price';
    else {
      const parsed = parseMoneyInput(d.price, d.currency);
      if ('error' in parsed) errors.price = parsed.error;
      else price = { amount: parsed.minor, currency: d.currency };
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      sku: d.sku,
      name: d.name,
      gtin: d.gtin.trim() || null,
      unit: d.unit.trim() || 'pcs',
      weightGrams,
      dimensionsMm,
      hsCode: d.hsCode.trim() || null,
      countryOfOrigin: d.country,
      price,
      active: d.active,
    },
  };
}

/** Create a product (`product` absent) or edit one, with the server's message on each field. */
export function ProductFormModal(props: {
  product?: Product;
  onClose: () => void;
  onSaved?: (product: Product) => void;
}) {
  const editing = props.product;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const mutation = useMutation({
    mutationFn: () => {
      const built = build(draft);
      if ('errors' in built) {
        setLocalErrors(built.errors);
        return Promise.reject(new Error('Please correct the highlighted fields.'));
      }
      setLocalErrors({});
      return editing ? productsApi.update(editing.id, built.input) : productsApi.create(built.input);
    },
    onSuccess: (product) => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      void queryClient.invalidateQueries({ queryKey: ['stock'] });
      queryClient.setQueryData(['products', 'detail', product.id], product);
      notifications.show({
        color: 'teal',
        title: editing ? 'Product saved' : 'Product created',
        message: `${product.sku} — ${product.name}`,
      });
      props.onSaved?.(product);
      props.onClose();
    },
  });

  const errors = { ...pathErrors(mutation.error), ...localErrors };
  const dimsError = errorAt(errors, 'dimensionsMm');

  return (
    <Modal opened onClose={props.onClose} title={editing ? `Edit ${editing.sku}` : 'New product'} size="xl">
      <ModalForm
        message={formError(mutation.error, FIELDS)}
        submitLabel={editing ? 'Save' : 'Create product'}
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="SKU"
              description="e.g. CUP-300-WHT"
              required
              data-autofocus
              value={draft.sku}
              onChange={(e) => set('sku', e.currentTarget.value)}
              error={errors.sku}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Name"
              description="As on packing lists"
              required
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="GTIN"
              description="EAN/UPC barcode, 8–14 digits"
              value={draft.gtin}
              onChange={(e) => set('gtin', e.currentTarget.value)}
              error={errors.gtin}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Unit"
              description="pcs, box, kg, …"
              required
              value={draft.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
              error={errors.unit}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Weight (g)"
              description="Per unit, in grams"
              inputMode="numeric"
              value={draft.weight}
              onChange={(e) => set('weight', e.currentTarget.value)}
              error={errors.weightGrams}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Length (mm)"
              inputMode="numeric"
              value={draft.length}
              onChange={(e) => set('length', e.currentTarget.value)}
              error={errors['dimensionsMm.length'] ?? (dimsError ? true : undefined)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Width (mm)"
              inputMode="numeric"
              value={draft.width}
              onChange={(e) => set('width', e.currentTarget.value)}
              error={errors['dimensionsMm.width'] ?? (dimsError ? true : undefined)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Height (mm)"
              inputMode="numeric"
              value={draft.height}
              onChange={(e) => set('height', e.currentTarget.value)}
              error={errors['dimensionsMm.height'] ?? dimsError}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="HS code"
              description="Customs tariff code, 6–10 digits"
              value={draft.hsCode}
              onChange={(e) => set('hsCode', e.currentTarget.value)}
              error={errors.hsCode}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Country of origin"
              searchable
              clearable
              data={COUNTRY_OPTIONS}
              value={draft.country}
              onChange={(v) => set('country', v)}
              error={errors.countryOfOrigin}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }} />
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Price"
              description="Unit list price, e.g. 12.50"
              inputMode="decimal"
              value={draft.price}
              onChange={(e) => set('price', e.currentTarget.value)}
              error={errorAt(errors, 'price')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Price currency"
              searchable
              data={CURRENCY_OPTIONS}
              value={draft.currency}
              onChange={(v) => set('currency', v)}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Checkbox
              label="Active (can be ordered and received)"
              checked={draft.active}
              onChange={(e) => set('active', e.currentTarget.checked)}
            />
          </Grid.Col>
        </Grid>
      </ModalForm>
    </Modal>
  );
}
