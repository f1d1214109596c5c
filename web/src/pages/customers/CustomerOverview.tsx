import { Badge, DataList, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Address, Customer } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import type { Owners } from './access.js';
import { OwnerName } from './CustomerRow.js';
import { countryName, currencyName, languageName } from './countries.js';
import { describeDiscount, describePaymentTerms } from './paymentTerms.js';

function Panel(props: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {props.title}
      </Title>
      {props.children}
    </Paper>
  );
}

function Item(props: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{props.label}</DataList.ItemLabel>
      <DataList.ItemValue>{props.children}</DataList.ItemValue>
    </DataList.Item>
  );
}

const None = () => (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

function AddressBlock(props: { address: Address }) {
  const a = props.address;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
      {[
        a.line1,
        a.line2,
        [a.postalCode, a.city].filter(Boolean).join(' '),
        a.region,
        `${countryName(a.country)} (${a.country})`,
      ]
        .filter(Boolean)
        .join('\n')}
    </Text>
  );
}

/** Everything about a customer except contacts: addresses, terms and credit, account details, notes. */
export function CustomerOverview(props: { customer: Customer; owners: Owners }) {
  const { customer } = props;
  const terms = customer.paymentTerms;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Panel title="Addresses">
        <DataList labelWidth={130}>
          <Item label="Billing">
            <AddressBlock address={customer.billingAddress} />
          </Item>
          <Item label="Shipping">
            {customer.shippingAddress ? (
              <AddressBlock address={customer.shippingAddress} />
            ) : (
              <Text size="sm" c="dimmed">
                Same as billing
              </Text>
            )}
          </Item>
        </DataList>
      </Panel>
      <Panel title="Terms and credit">
        <DataList labelWidth={130}>
          <Item label="Currency">
            {customer.currency} — {currencyName(customer.currency)}
          </Item>
          <Item label="Payment terms">{describePaymentTerms({ ...terms, earlyDiscount: undefined })}</Item>
          <Item label="Early discount">
            {terms.earlyDiscount ? (
              describeDiscount(terms.earlyDiscount)
            ) : (
              <Text span size="sm" c="dimmed">
                None
              </Text>
            )}
          </Item>
          <Item label="Credit limit">
            {customer.creditLimit === null ? (
              <Text span size="sm" c="dimmed">
                No limit
              </Text>
            ) : (
              formatMoney(customer.creditLimit, customer.currency)
            )}
          </Item>
        </DataList>
      </Panel>
      <Panel title="Account">
        <DataList labelWidth={130}>
          <Item label="Owner">
            <OwnerName ownerId={customer.ownerId} owners={props.owners} />
          </Item>
          <Item label="Language">
            {languageName(customer.language) ?? customer.language} ({customer.language})
          </Item>
          <Item label="Tax id">
            {customer.taxId ? (
              <Text span ff="monospace" size="sm">
                {customer.taxId}
              </Text>
            ) : (
              <None />
            )}
          </Item>
          <Item label="Tags">
            {customer.tags.length > 0 ? (
              <Group gap={4}>
                {customer.tags.map((tag) => (
                  <Badge key={tag} size="sm" variant="outline" color="indigo" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : (
              <None />
            )}
          </Item>
          <Item label="Created">{formatDateTime(customer.createdAt)}</Item>
          <Item label="Updated">{formatDateTime(customer.updatedAt)}</Item>
        </DataList>
      </Panel>
      <Panel title="Notes">
        {customer.notes ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {customer.notes}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No notes.
          </Text>
        )}
      </Panel>
    </SimpleGrid>
  );
}
