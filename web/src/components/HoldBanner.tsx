import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandStop, IconLockOpen } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { creditApi } from '../api/endpoints.js';
import type { Hold } from '../api/types.js';
import { fieldErrors, formError } from '../lib/fieldErrors.js';
import { formatDateTime } from '../lib/format.js';
import { CAUSE_LABELS, useCanManageHolds } from '../pages/disputes/access.js';
import { ModalForm } from './ModalForm.js';

/**
 * The customer's credit holds, as a banner: nothing when there is none; each active hold with its cause
 * and reason otherwise (shipping is blocked). Finance and admin users may release a hold with a reason
 * and, where `allowPlace`, put the customer on a manual hold.
 */
export function HoldBanner(props: {
  customerId: string;
  allowPlace?: boolean;
  context?: 'customer' | 'order';
}) {
  const canManage = useCanManageHolds();
  const [dialog, setDialog] = useState<{ kind: 'place' } | { kind: 'release'; hold: Hold } | null>(null);
  const query = useQuery({
    queryKey: ['holds', props.customerId],
    queryFn: () => creditApi.ofCustomer(props.customerId),
  });
  const active = query.data?.active ?? [];
  return (
    <>
      {active.length > 0 ? (
        <Alert
          color="red"
          mb="md"
          icon={<IconHandStop size={18} />}
          title={
            props.context === 'order'
              ? 'Customer on credit hold: this order cannot ship'
              : 'Customer on credit hold'
          }
          role="alert"
          aria-label="Credit hold"
        >
          <Stack gap={6}>
            {active.map((hold) => (
              <Group key={hold.id} justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="sm" fw={600}>
                    {CAUSE_LABELS[hold.cause]}
                  </Text>
                  <Text size="sm">{hold.reason}</Text>
                  <Text size="xs" c="dimmed">
                    Since {formatDateTime(hold.placedAt)}
                    {hold.placedBy ? ` · ${hold.placedBy}` : ''}
                  </Text>
                </div>
                {canManage ? (
                  <Button
                    size="xs"
                    variant="white"
                    color="red"
                    leftSection={<IconLockOpen size={14} />}
                    onClick={() => setDialog({ kind: 'release', hold })}
                  >
                    Release
                  </Button>
                ) : null}
              </Group>
            ))}
            <Text size="xs">
              Shipments of this customer are refused until every hold is released; an admin or finance user
              may ship anyway with a reason (recorded in the audit trail).
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {props.allowPlace && canManage && query.isSuccess && !active.some((h) => h.cause === 'manual') ? (
        <Group justify="flex-end" mb="xs">
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconHandStop size={14} />}
            onClick={() => setDialog({ kind: 'place' })}
          >
            Put on hold
          </Button>
        </Group>
      ) : null}
      {dialog ? (
        <HoldDialog customerId={props.customerId} dialog={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/** Place a manual hold on a customer, or release one hold, with a reason. */
export function HoldDialog(props: {
  customerId: string;
  dialog: { kind: 'place' } | { kind: 'release'; hold: Hold };
  onClose: () => void;
}) {
  const { dialog } = props;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: () =>
      dialog.kind === 'place'
        ? creditApi.place(props.customerId, reason)
        : creditApi.release(dialog.hold.id, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['holds'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', props.customerId] });
      notifications.show({
        color: 'teal',
        title: dialog.kind === 'place' ? 'Customer on hold' : 'Hold released',
        message: dialog.kind === 'place' ? 'Shipping is blocked until released.' : 'The release is audited.',
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(change.error);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={dialog.kind === 'place' ? 'Put the customer on credit hold' : 'Release the credit hold'}
    >
      <ModalForm
        message={formError(change.error, ['reason'])}
        submitLabel={dialog.kind === 'place' ? 'Put on hold' : 'Release hold'}
        submitting={change.isPending}
        onSubmit={() => change.mutate()}
        onCancel={props.onClose}
      >
        {dialog.kind === 'release' &&
        dialog.hold.cause !== 'manual' &&
        dialog.hold.cause !== 'policy_step' ? (
          <Text size="sm" c="dimmed">
            This hold was placed by the credit rules; if its cause remains, the next evaluation places it
            again.
          </Text>
        ) : null}
        <Textarea
          label="Reason"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          required
        />
      </ModalForm>
    </Modal>
  );
}
