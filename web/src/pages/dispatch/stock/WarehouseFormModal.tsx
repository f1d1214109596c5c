import { Grid, Modal, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { warehousesApi } from '../../../api/endpoints.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { formError } from '../../../lib/fieldErrors.js';
import { COUNTRY_OPTIONS } from '../../customers/countries.js';
import { pathErrors } from '../../customers/formErrors.js';

const FIELDS = ['code', 'name', 'address', 'active'];

/** Create a warehouse: a code, a name and its address. */
export function WarehouseFormModal(props: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [line1, setLine1] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [city, setCity] = useState('');
  const [country, setCountry] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: () =>
      warehousesApi.create({
        code,
        name,
        address: { line1, postalCode: postalCode.trim() || null, city, country: country ?? '' },
      }),
    onSuccess: (warehouse) => {
      void queryClient.invalidateQueries({ queryKey: ['warehouses'] });
      notifications.show({
        color: 'teal',
        title: 'Warehouse created',
        message: `${warehouse.code} — ${warehouse.name}`,
      });
      props.onClose();
    },
  });
  const errors = pathErrors(mutation.error);

  return (
    <Modal opened onClose={props.onClose} title="New warehouse" size="lg">
      <ModalForm
        message={formError(mutation.error, FIELDS)}
        submitLabel="Create warehouse"
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Warehouse code"
              description="e.g. LYON-1"
              required
              data-autofocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errors.code}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Warehouse name"
              description="As people call it"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label="Street and number"
              required
              value={line1}
              onChange={(e) => setLine1(e.currentTarget.value)}
              error={errors['address.line1'] ?? errors.address}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Postal code"
              value={postalCode}
              onChange={(e) => setPostalCode(e.currentTarget.value)}
              error={errors['address.postalCode']}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="City"
              required
              value={city}
              onChange={(e) => setCity(e.currentTarget.value)}
              error={errors['address.city']}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Country"
              required
              searchable
              data={COUNTRY_OPTIONS}
              value={country}
              onChange={setCountry}
              error={errors['address.country']}
            />
          </Grid.Col>
        </Grid>
      </ModalForm>
    </Modal>
  );
}
