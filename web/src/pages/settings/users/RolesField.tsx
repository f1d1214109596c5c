import { MultiSelect } from '@mantine/core';
import type { Role } from '../../../api/types.js';
import { asRoles, ROLE_OPTIONS } from './roleOptions.js';

/** The required "Roles" multi-select of the user and token forms. */
export function RolesField(props: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error: string | undefined;
  description?: string;
  /** Show "Pick one or more roles" while nothing is picked. */
  withPlaceholder?: boolean;
}) {
  return (
    <MultiSelect
      label="Roles"
      description={props.description}
      placeholder={props.withPlaceholder && props.value.length === 0 ? 'Pick one or more roles' : undefined}
      data={ROLE_OPTIONS}
      value={props.value}
      onChange={(values) => props.onChange(asRoles(values))}
      error={props.error}
      required
    />
  );
}
