import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatMoney } from '../../lib/money.js';
import type { Owners } from './access.js';
import { countryName } from './countries.js';
import { describePaymentTerms } from './paymentTerms.js';

export const CUSTOMER_COLUMNS = [
  'Code',
  'Name',
  'Country',
  'Currency',
  'Payment terms',
  { label: 'Credit limit', w: 140, ta: 'right' as const },
  'Owner',
  'Tags',
];

export function OwnerName(props: { ownerId: string | null; owners: Owners }) {
  if (!props.ownerId)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const name = props.owners.nameOf(props.ownerId);
  return name ? (
    <Text size="sm">{name}</Text>
  ) : (
    <Tooltip label="Only administrators can see other users' names">
      <Text size="xs" c="dimmed" ff="monospace">
        {props.ownerId}
      </Text>
    </Tooltip>
  );
}

export function CustomerRow(props: { customer: Customer; owners: Owners }) {
  const { customer } = props;
  const country = customer.billingAddress.country;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {customer.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <RouterAnchor
            to="/receivables/customers/$customerId"
            params={{ customerId: customer.id }}
            size="sm"
            fw={500}
          >
            {customer.legalName}
          </RouterAnchor>
          {customer.status === 'archived' ? (
            <Badge size="xs" variant="light" color="gray">
              archived
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {customer.billingAddress.city}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={countryName(country)}>
          <Text size="sm" span>
            {country}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{customer.currency}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describePaymentTerms(customer.paymentTerms)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        {customer.creditLimit === null ? (
          <Text size="sm" c="dimmed">
            No limit
          </Text>
        ) : (
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(customer.creditLimit, customer.currency)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <OwnerName ownerId={customer.ownerId} owners={props.owners} />
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {customer.tags.map((tag) => (
            <Badge key={tag} size="xs" variant="outline" color="indigo" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
