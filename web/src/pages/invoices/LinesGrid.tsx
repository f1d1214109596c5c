import { ActionIcon, Button, Group, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment } from 'react';
import { formatMoney } from '../../lib/money.js';
import {
  asTaxCategory,
  EXEMPT_CATEGORIES,
  type LineDraft,
  newLine,
  TAX_CATEGORY_OPTIONS,
  ZERO_RATE_CATEGORIES,
} from './invoiceDraft.js';

const cell = { size: 'xs' as const };

/**
 * The editable lines of a draft (or of a partial credit note): one row per line, the server's message
 * under the cell it concerns (`lines.2.unitPrice`), an exemption reason row when the category needs one.
 */
export function LinesGrid(props: {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  currency: string;
  /** Server messages by path below `lines.` (`2.unitPrice`), and `''` for the whole list. */
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const { lines, errors } = props;
  const update = (key: string, change: Partial<LineDraft>) =>
    props.onChange(lines.map((l) => (l.key === key ? { ...l, ...change, netAmount: null } : l)));
  const err = (i: number, field: string) => errors[`${i}.${field}`];

  return (
    <div>
      <Table.ScrollContainer minWidth={980}>
        <Table aria-label="Invoice lines" verticalSpacing={6} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>#</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th w={90}>Quantity</Table.Th>
              <Table.Th w={80}>Unit</Table.Th>
              <Table.Th w={120}>Unit price</Table.Th>
              <Table.Th w={80}>Disc. %</Table.Th>
              <Table.Th w={190}>Tax category</Table.Th>
              <Table.Th w={80}>Rate %</Table.Th>
              <Table.Th w={110} ta="right">
                Net
              </Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={10} ta="center" py="md">
                  <Text size="sm" c={errors[''] ? 'red' : 'dimmed'}>
                    {errors[''] ?? 'No lines yet. Add the first one.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {lines.map((line, i) => {
              const n = i + 1;
              const exempt = EXEMPT_CATEGORIES.includes(line.taxCategory);
              const zeroRate = ZERO_RATE_CATEGORIES.includes(line.taxCategory);
              return (
                <Fragment key={line.key}>
                  <Table.Tr style={{ verticalAlign: 'top' }}>
                    <Table.Td pt={12}>
                      <Text size="xs" c="dimmed">
                        {n}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} description`}
                        value={line.description}
                        onChange={(e) => update(line.key, { description: e.currentTarget.value })}
                        error={err(i, 'description')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} quantity`}
                        inputMode="decimal"
                        value={line.quantity}
                        onChange={(e) => update(line.key, { quantity: e.currentTarget.value })}
                        error={err(i, 'quantity')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} unit`}
                        value={line.unit}
                        onChange={(e) => update(line.key, { unit: e.currentTarget.value })}
                        error={err(i, 'unit')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} unit price`}
                        inputMode="decimal"
                        placeholder="0.00"
                        value={line.unitPrice}
                        onChange={(e) => update(line.key, { unitPrice: e.currentTarget.value })}
                        error={err(i, 'unitPrice')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} discount percent`}
                        inputMode="decimal"
                        placeholder="0"
                        value={line.discountPercent}
                        onChange={(e) => update(line.key, { discountPercent: e.currentTarget.value })}
                        error={err(i, 'discountPercent')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        {...cell}
                        aria-label={`Line ${n} tax category`}
                        data={TAX_CATEGORY_OPTIONS}
                        value={line.taxCategory}
                        allowDeselect={false}
                        onChange={(value) => {
                          const category = asTaxCategory(value);
                          update(line.key, {
                            taxCategory: category,
                            taxRate: ZERO_RATE_CATEGORIES.includes(category)
                              ? '0'
                              : line.taxRate === '0'
                                ? '20'
                                : line.taxRate,
                          });
                        }}
                        error={err(i, 'taxCategory')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...cell}
                        aria-label={`Line ${n} tax rate`}
                        inputMode="decimal"
                        value={zeroRate ? '0' : line.taxRate}
                        readOnly={zeroRate}
                        onChange={(e) => update(line.key, { taxRate: e.currentTarget.value })}
                        error={err(i, 'taxRate')}
                        disabled={props.disabled}
                      />
                    </Table.Td>
                    <Table.Td ta="right" pt={12}>
                      <Text size="sm" c={line.netAmount === null ? 'dimmed' : undefined}>
                        {line.netAmount === null ? '—' : formatMoney(line.netAmount, props.currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={`Remove line ${n}`}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove line ${n}`}
                          onClick={() => props.onChange(lines.filter((l) => l.key !== line.key))}
                          disabled={props.disabled}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                  {exempt || err(i, 'exemptionReason') || err(i, 'exemptionReasonCode') ? (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={8}>
                        <TextInput
                          {...cell}
                          aria-label={`Line ${n} exemption reason`}
                          placeholder="Exemption reason, e.g. “Exempt under art. 261 CGI”, or a VATEX code"
                          value={line.exemptionReason}
                          onChange={(e) => update(line.key, { exemptionReason: e.currentTarget.value })}
                          error={err(i, 'exemptionReason') ?? err(i, 'exemptionReasonCode')}
                          disabled={props.disabled}
                        />
                      </Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  ) : null}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {lines.length > 0 && errors[''] ? (
        <Text size="xs" c="red" mt={4}>
          {errors['']}
        </Text>
      ) : null}
      <Group mt="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            const last = lines[lines.length - 1];
            props.onChange([
              ...lines,
              newLine(last ? { taxCategory: last.taxCategory, taxRate: last.taxRate } : {}),
            ]);
          }}
          disabled={props.disabled}
        >
          Add line
        </Button>
      </Group>
    </div>
  );
}
