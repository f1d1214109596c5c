import { Grid, Modal, Select, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { trackingApi } from '../../../api/endpoints.js';
import { type Shipment, TRACKING_STATUSES, type TrackingStatus } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { TRACKING_STATUS_LABELS } from './statuses.js';

const FIELDS = ['occurredAt', 'status', 'substatus', 'reason', 'location', 'eta', 'trackingNumber', 'note'];
const STATUS_OPTIONS = TRACKING_STATUSES.map((s) => ({ value: s, label: TRACKING_STATUS_LABELS[s].label }));

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
function localNow(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (browser zone) as an ISO instant with Z; the text as typed when unreadable. */
function toInstant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Enter one tracking event by hand (e.g. the customer phoned): applied like a carrier's, never moves back. */
export function ManualEventModal(props: { shipment: Shipment; onClose: () => void }) {
  const { shipment } = props;
  const queryClient = useQueryClient();
  const numbers = shipment.trackingNumbers.map((t) => t.trackingNumber);
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [status, setStatus] = useState<TrackingStatus>('delivered');
  const [substatus, setSubstatus] = useState('');
  const [reason, setReason] = useState('');
  const [location, setLocation] = useState('');
  const [eta, setEta] = useState('');
  const [trackingNumber, setTrackingNumber] = useState<string | null>(numbers[0] ?? null);
  const [note, setNote] = useState('');

  const mutation = useMutation({
    mutationFn: () =>
      trackingApi.addEvent(shipment.id, {
        occurredAt: toInstant(occurredAt),
        status,
        substatus: orNull(substatus),
        reason: orNull(reason),
        location: orNull(location),
        eta: orNull(eta),
        ...(trackingNumber ? { trackingNumber } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['tracking'] });
      void queryClient.invalidateQueries({ queryKey: ['shipments'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      notifications.show({
        color: 'teal',
        title: 'Tracking event recorded',
        message: result.applied > 0 ? 'It is on the timeline.' : 'It was already recorded: nothing changed.',
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(mutation.error);

  return (
    <Modal opened onClose={props.onClose} title="Add tracking event" size="lg">
      <ModalForm
        message={formError(mutation.error, FIELDS)}
        submitLabel="Add event"
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="When"
              description="The time it happened (your time zone)"
              type="datetime-local"
              required
              value={occurredAt}
              onChange={(e) => setOccurredAt(e.currentTarget.value)}
              error={errors.occurredAt}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="Status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={(v) => setStatus(TRACKING_STATUSES.find((s) => s === v) ?? 'in_transit')}
              allowDeselect={false}
              error={errors.status}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Substatus"
              description="snake_case, e.g. left_at_front_door"
              value={substatus}
              onChange={(e) => setSubstatus(e.currentTarget.value)}
              error={errors.substatus}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Location"
              value={location}
              onChange={(e) => setLocation(e.currentTarget.value)}
              error={errors.location}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label="Reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="Tracking number"
              data={numbers}
              value={trackingNumber}
              onChange={setTrackingNumber}
              allowDeselect={false}
              error={errors.trackingNumber}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Expected delivery"
              type="date"
              value={eta}
              onChange={(e) => setEta(e.currentTarget.value)}
              error={errors.eta}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Note"
              description='Kept as the event’s text, e.g. "customer phoned: received"'
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note}
            />
          </Grid.Col>
        </Grid>
      </ModalForm>
    </Modal>
  );
}
