import { Grid, Select, TextInput } from '@mantine/core';
import { COUNTRY_OPTIONS } from './countries.js';
import type { AddressDraft } from './customerDraft.js';

/** The fields of one postal address; `label` prefixes each field's accessible name ("Billing street"). */
export function AddressFields(props: {
  label: string;
  value: AddressDraft;
  onChange: (value: AddressDraft) => void;
  /** Server messages by path below the address (`line1`, `country`…). */
  errors: Record<string, string>;
  required?: boolean;
}) {
  const { value, errors } = props;
  const set = (key: Exclude<keyof AddressDraft, 'country'>) => (e: React.ChangeEvent<HTMLInputElement>) =>
    props.onChange({ ...value, [key]: e.currentTarget.value });
  const name = (field: string) => `${props.label} ${field}`;
  return (
    <Grid gap="xs">
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Street and number"
          aria-label={name('street and number')}
          required={props.required}
          value={value.line1}
          onChange={set('line1')}
          error={errors.line1}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Address line 2"
          aria-label={name('address line 2')}
          value={value.line2}
          onChange={set('line2')}
          error={errors.line2}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput
          label="Postal code"
          aria-label={name('postal code')}
          value={value.postalCode}
          onChange={set('postalCode')}
          error={errors.postalCode}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <TextInput
          label="City"
          aria-label={name('city')}
          required={props.required}
          value={value.city}
          onChange={set('city')}
          error={errors.city}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label="Region / state"
          aria-label={name('region')}
          value={value.region}
          onChange={set('region')}
          error={errors.region}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Select
          label="Country"
          aria-label={name('country')}
          required={props.required}
          searchable
          placeholder="Pick a country"
          data={COUNTRY_OPTIONS}
          value={value.country}
          onChange={(country) => props.onChange({ ...value, country })}
          error={errors.country}
          comboboxProps={{ withinPortal: true }}
        />
      </Grid.Col>
    </Grid>
  );
}
