import { Alert, Button, Grid, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTruck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/client.js';
import { shipmentsApi } from '../../../api/endpoints.js';
import { FREIGHT_TERMS, type FreightTerms, type Shipment } from '../../../api/types.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { formError } from '../../../lib/fieldErrors.js';
import { pathErrors } from '../../customers/formErrors.js';
import { useCarriers } from '../carriers/access.js';
import { FREIGHT_TERMS_LABELS } from './badges.js';

const FIELDS = ['carrierId', 'service', 'trackingNumbers', 'proNumber', 'freightTerms', 'override'];
const TERMS_OPTIONS = FREIGHT_TERMS.map((t) => ({ value: t, label: FREIGHT_TERMS_LABELS[t] ?? t }));

/** A 409 from a credit hold names each hold at the path `override`. */
const isCreditHold = (error: unknown) =>
  isApiError(error, 409) && error.errors.some((e) => e.path === 'override' || e.path.startsWith('override.'));

/**
 * Shipping a packed shipment: carrier, service, one tracking number per package (or one for all), PRO
 * number and freight terms. Stock leaves the warehouse in the same step; the labels (PDF and ZPL) and
 * the bill of lading are archived. A customer on credit hold is refused unless overridden with a reason.
 */
export function ShipStep(props: { shipment: Shipment; onDone: (shipment: Shipment) => void }) {
  const { shipment } = props;
  const queryClient = useQueryClient();
  const carriers = useCarriers();
  const [carrierId, setCarrierId] = useState<string | null>(null);
  const [service, setService] = useState('');
  const [numbers, setNumbers] = useState<string[]>(() => shipment.packages.map(() => ''));
  const [proNumber, setProNumber] = useState('');
  const [terms, setTerms] = useState<FreightTerms>('prepaid');
  const [overrideReason, setOverrideReason] = useState('');
  const [overriding, setOverriding] = useState(false);

  const ship = useMutation({
    mutationFn: () =>
      shipmentsApi.ship(shipment.id, {
        carrierId: carrierId ?? '',
        service,
        trackingNumbers: numbers.map((n) => n.trim()).filter(Boolean),
        proNumber: proNumber.trim() || null,
        freightTerms: terms,
        ...(overriding ? { override: { reason: overrideReason } } : {}),
      }),
    onSuccess: (shipped) => {
      queryClient.setQueryData(['shipments', 'detail', shipped.id], shipped);
      void queryClient.invalidateQueries({ queryKey: ['shipments', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['stock'] });
      void queryClient.invalidateQueries({ queryKey: ['tracking'] });
      notifications.show({
        color: 'teal',
        title: `${shipped.number} shipped`,
        message: `With ${shipped.carrier?.name ?? 'the carrier'}; labels and documents are ready to print.`,
      });
      props.onDone(shipped);
    },
  });
  const errors = pathErrors(ship.error);
  const hold = isCreditHold(ship.error);
  const numbersError = errors.trackingNumbers;

  return (
    <Paper withBorder radius="md" p="md" aria-label="Ship">
      <Title order={4} mb="sm">
        Ship
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          ship.mutate();
        }}
      >
        <Stack>
          {ship.error && !hold ? (
            <Alert color="red" role="alert">
              {formError(ship.error, FIELDS)}
            </Alert>
          ) : null}
          {hold ? (
            <Alert color="orange" role="alert" title="Customer on credit hold">
              <Text size="sm">{isApiError(ship.error) ? ship.error.userMessage : null}</Text>
              <Text size="sm" mt={4}>
                Ship anyway only with a reason: the override is recorded in the audit trail (admin or
                finance).
              </Text>
            </Alert>
          ) : null}
          {carriers.items.length === 0 && !carriers.query.isPending ? (
            <Alert color="yellow">
              No carrier yet.{' '}
              <RouterAnchor to="/dispatch/carriers" size="sm">
                Add the carriers you ship with
              </RouterAnchor>{' '}
              first.
            </Alert>
          ) : null}
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label="Carrier"
                required
                searchable
                data={carriers.options}
                value={carrierId}
                onChange={setCarrierId}
                error={errors.carrierId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Service"
                description="e.g. Ground, Express Saver, LTL"
                required
                value={service}
                onChange={(e) => setService(e.currentTarget.value)}
                error={errors.service}
              />
            </Grid.Col>
            {numbers.map((value, i) => {
              const pkg = shipment.packages[i];
              return (
                <Grid.Col span={{ base: 12, sm: 6 }} key={pkg?.id ?? i}>
                  <TextInput
                    label={numbers.length > 1 ? `Tracking number, package ${i + 1}` : 'Tracking number'}
                    description={
                      i === 0 && numbers.length > 1 ? 'One per package, or only the first for all' : undefined
                    }
                    required={i === 0}
                    value={value}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setNumbers((list) => list.map((n, j) => (j === i ? text : n)));
                    }}
                    error={errors[`trackingNumbers.${i}`] ?? (i === 0 ? numbersError : undefined)}
                  />
                </Grid.Col>
              );
            })}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="PRO number"
                description="The freight carrier's number (LTL)"
                value={proNumber}
                onChange={(e) => setProNumber(e.currentTarget.value)}
                error={errors.proNumber}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label="Freight terms"
                data={TERMS_OPTIONS}
                value={terms}
                onChange={(v) => setTerms(FREIGHT_TERMS.find((t) => t === v) ?? 'prepaid')}
                allowDeselect={false}
                error={errors.freightTerms}
              />
            </Grid.Col>
            {hold || overriding ? (
              <Grid.Col span={12}>
                <Textarea
                  label="Reason to ship despite the hold"
                  autosize
                  minRows={2}
                  value={overrideReason}
                  onChange={(e) => {
                    setOverrideReason(e.currentTarget.value);
                    setOverriding(true);
                  }}
                  error={errors['override.reason']}
                />
              </Grid.Col>
            ) : null}
          </Grid>
          <Button
            type="submit"
            loading={ship.isPending}
            leftSection={<IconTruck size={16} />}
            color={overriding ? 'orange' : undefined}
            style={{ alignSelf: 'flex-end' }}
          >
            {overriding ? 'Override the hold and ship' : 'Ship'}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
