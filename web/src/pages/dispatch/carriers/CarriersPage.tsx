import { ActionIcon, Badge, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconKey, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Carrier } from '../../../api/types.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { ACTIONS_COLUMN, TableHead } from '../../../components/TableHead.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { FORMAT_LABELS, useCanWriteCarriers, useCarriers } from './access.js';
import { CarrierFormModal } from './CarrierFormModal.js';
import { WebhookSecretModal } from './WebhookSecretModal.js';

type Dialog = { kind: 'new' } | { kind: 'edit'; carrier: Carrier } | { kind: 'secret'; carrier: Carrier };

/** The carrier registry: codes, SCAC, tracking pages, and where each carrier posts its tracking updates. */
export function CarriersPage() {
  const carriers = useCarriers();
  const canWrite = useCanWriteCarriers();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const columns = [
    { label: 'Code', w: 130 },
    'Name',
    { label: 'SCAC', w: 80 },
    { label: 'Webhook', w: 170 },
    'Webhook URL',
    { label: 'Status', w: 110 },
    ...(canWrite ? [ACTIONS_COLUMN] : []),
  ];
  return (
    <>
      <PageHeader
        title="Carriers"
        description="Who carries your parcels and freight: their SCAC, tracking page and the signed webhook their tracking updates arrive on."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'new' })}>
              New carrier
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md">
        {carriers.query.isError ? (
          <QueryError error={carriers.query.error} onRetry={() => void carriers.query.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={1100}>
            <Table aria-label="Carriers">
              <TableHead columns={columns} />
              <Table.Tbody>
                {carriers.items.length === 0 ? (
                  <TableStatus
                    colSpan={columns.length}
                    loading={carriers.query.isPending}
                    empty="No carrier yet. Add the carriers you ship with."
                  />
                ) : (
                  carriers.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {c.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.name}</Text>
                        {c.trackingUrlTemplate ? (
                          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                            {c.trackingUrlTemplate}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.scac ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Text size="sm">{FORMAT_LABELS[c.webhookFormat]}</Text>
                          {c.webhookSecretSet ? null : (
                            <Badge color="orange" variant="light" size="sm">
                              no secret
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                          {c.webhookUrl}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={c.active ? 'teal' : 'gray'} radius="sm">
                          {c.active ? 'active' : 'inactive'}
                        </Badge>
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Tooltip label="Edit">
                              <ActionIcon
                                variant="subtle"
                                aria-label={`Edit ${c.code}`}
                                onClick={() => setDialog({ kind: 'edit', carrier: c })}
                              >
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip
                              label={c.webhookSecretSet ? 'Rotate webhook secret' : 'Set webhook secret'}
                            >
                              <ActionIcon
                                variant="subtle"
                                aria-label={`${c.webhookSecretSet ? 'Rotate' : 'Set'} webhook secret of ${c.code}`}
                                onClick={() => setDialog({ kind: 'secret', carrier: c })}
                              >
                                <IconKey size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {dialog?.kind === 'new' ? <CarrierFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? (
        <CarrierFormModal carrier={dialog.carrier} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'secret' ? (
        <WebhookSecretModal carrier={dialog.carrier} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
