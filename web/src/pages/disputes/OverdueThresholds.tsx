import { ActionIcon, Button, Group, NumberInput, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.js';
import { creditApi } from '../../api/endpoints.js';
import { useSession } from '../../auth/session.js';
import { fieldErrors } from '../../lib/fieldErrors.js';
import { formatMoney, parseMoneyInput } from '../../lib/money.js';

/**
 * The overdue-balance rule per currency: a customer whose invoices more than N days past due add up to more
 * than the threshold goes on hold (released by itself once under it). Everyone reads; admin changes.
 */
export function OverdueThresholds() {
  const { user } = useSession();
  const isAdmin = user.roles.includes('admin');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['holds', 'settings'], queryFn: () => creditApi.settings() });
  const [currency, setCurrency] = useState('EUR');
  const [amount, setAmount] = useState('');
  const [days, setDays] = useState<number>(0);
  const [amountError, setAmountError] = useState<string | null>(null);
  const done = () => void queryClient.invalidateQueries({ queryKey: ['holds'] });
  const save = useMutation({
    mutationFn: (minor: number) =>
      creditApi.saveSetting(currency.trim().toUpperCase(), {
        overdueThreshold: minor,
        overdueAfterDays: days,
      }),
    onSuccess: (s) => {
      done();
      setAmount('');
      notifications.show({
        color: 'teal',
        title: `${s.currency} threshold saved`,
        message: 'The daily evaluation applies it to every customer.',
      });
    },
  });
  const remove = useMutation({
    mutationFn: (c: string) => creditApi.deleteSetting(c),
    onSuccess: done,
  });
  const errors = fieldErrors(save.error);
  const items = query.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" mt="md" aria-label="Overdue thresholds">
      <Title order={5} mb="xs">
        Overdue thresholds
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A customer whose invoices more than the given days past due (less what is disputed) add up to more
        than the threshold goes on hold, and comes off it once under. Without a threshold the rule is off for
        the currency.
      </Text>
      {items.length > 0 ? (
        <Table aria-label="Thresholds" mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Currency</Table.Th>
              <Table.Th ta="right">Threshold</Table.Th>
              <Table.Th ta="right">Days past due</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.currency}>
                <Table.Td>{s.currency}</Table.Td>
                <Table.Td ta="right">{formatMoney(s.overdueThreshold, s.currency)}</Table.Td>
                <Table.Td ta="right">{s.overdueAfterDays}</Table.Td>
                <Table.Td ta="right">
                  {isAdmin ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the ${s.currency} threshold`}
                      loading={remove.isPending}
                      onClick={() => remove.mutate(s.currency)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" mb="sm">
          No threshold: the overdue-balance rule is off.
        </Text>
      )}
      {isAdmin ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = parseMoneyInput(amount, currency.trim().toUpperCase() || 'EUR');
            if ('error' in parsed) {
              setAmountError(parsed.error);
              return;
            }
            setAmountError(null);
            save.mutate(parsed.minor);
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Currency"
              w={100}
              value={currency}
              onChange={(e) => setCurrency(e.currentTarget.value)}
              error={errors['params.currency']}
              required
            />
            <TextInput
              label="Threshold"
              w={160}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={amountError ?? errors.overdueThreshold}
              required
            />
            <NumberInput
              label="Days past due"
              w={140}
              min={0}
              max={3650}
              value={days}
              onChange={(v) => setDays(Number(v) || 0)}
              error={errors.overdueAfterDays}
            />
            <Button type="submit" variant="default" loading={save.isPending}>
              Save threshold
            </Button>
          </Group>
          {save.error ? (
            <Text size="sm" c="red" mt="xs" role="alert">
              {isApiError(save.error) ? save.error.userMessage : String(save.error)}
            </Text>
          ) : null}
        </form>
      ) : null}
    </Paper>
  );
}
