import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { type ImportMode, trackingApi } from '../../../api/endpoints.js';
import type { TrackingImportAction, TrackingImportResult } from '../../../api/types.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { TableHead } from '../../../components/TableHead.js';
import { actionErrorMessage } from '../../../lib/errorMessage.js';
import { formatDateTime } from '../../../lib/format.js';
import { lineErrorText } from '../../customers/ImportPreview.js';

type Phase =
  | { step: 'choose' }
  | { step: 'busy'; mode: ImportMode }
  | { step: 'preview'; result: TrackingImportResult }
  | { step: 'done'; result: TrackingImportResult }
  | { step: 'failed'; mode: ImportMode; error: unknown };

const ACTIONS: Record<TrackingImportAction, { label: string; color: string }> = {
  apply: { label: 'to apply', color: 'teal' },
  duplicate: { label: 'duplicate', color: 'gray' },
  unmatched: { label: 'unmatched', color: 'orange' },
  invalid: { label: 'invalid', color: 'red' },
};
const MAX_ROWS = 500;

function Summary(props: { result: TrackingImportResult }) {
  const { counts } = props.result;
  return (
    <Group gap="xs" aria-label="Import summary">
      <Text size="sm" fw={500}>
        {counts.lines} {counts.lines === 1 ? 'line' : 'lines'}:
      </Text>
      {(['apply', 'duplicate', 'unmatched', 'invalid'] as const).map((a) => (
        <Badge key={a} color={ACTIONS[a].color} variant="light" tt="none">
          {counts[a]} {ACTIONS[a].label}
        </Badge>
      ))}
    </Group>
  );
}

function Lines(props: { result: TrackingImportResult }) {
  return (
    <Table.ScrollContainer minWidth={820} maxHeight={360}>
      <Table aria-label="Import lines" stickyHeader>
        <TableHead
          columns={[
            { label: 'Line', w: 60 },
            { label: 'Action', w: 110 },
            'Carrier',
            'Tracking number',
            'Time',
            'Status',
            'Shipment or errors',
          ]}
        />
        <Table.Tbody>
          {props.result.lines.slice(0, MAX_ROWS).map((line) => (
            <Table.Tr
              key={line.line}
              bg={line.action === 'invalid' ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Table.Td>{line.line}</Table.Td>
              <Table.Td>
                <Badge
                  color={ACTIONS[line.action].color}
                  variant={line.action === 'invalid' ? 'filled' : 'light'}
                  size="sm"
                >
                  {line.action}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{line.carrier ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {line.trackingNumber ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(line.occurredAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {line.status ?? '—'}
                  {line.substatus ? ` / ${line.substatus}` : ''}
                  {line.flagged ? ' (flagged)' : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {line.errors.length > 0 ? (
                  <Text size="sm" c="red.8">
                    {line.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ')}
                  </Text>
                ) : line.shipmentId ? (
                  <RouterAnchor
                    to="/dispatch/shipments/$shipmentId"
                    params={{ shipmentId: line.shipmentId }}
                    size="sm"
                  >
                    Open shipment
                  </RouterAnchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {line.action === 'unmatched' ? 'Kept for review: no shipment has this number' : '—'}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Import tracking events from CSV: the server checks every line (preview), then Apply imports all lines or none. */
export function TrackingImportModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const resetRef = useRef<() => void>(null);
  const busy = phase.step === 'busy';

  async function send(text: string, mode: ImportMode) {
    setPhase({ step: 'busy', mode });
    try {
      const result = await trackingApi.importCsv(text, mode);
      if (mode === 'apply') {
        void queryClient.invalidateQueries({ queryKey: ['tracking'] });
        void queryClient.invalidateQueries({ queryKey: ['shipments'] });
        setPhase({ step: 'done', result });
      } else setPhase({ step: 'preview', result });
    } catch (error) {
      setPhase({ step: 'failed', mode, error });
    }
  }

  async function choose(picked: File | null) {
    resetRef.current?.();
    if (!picked) return;
    const text = await picked.text();
    setFile({ name: picked.name, text });
    await send(text, 'preview');
  }

  function close() {
    if (busy) return;
    setPhase({ step: 'choose' });
    setFile(null);
    props.onClose();
  }

  const canApply =
    phase.step === 'preview' &&
    phase.result.valid &&
    phase.result.counts.apply + phase.result.counts.unmatched > 0;
  const shown = phase.step === 'preview' || phase.step === 'done' ? phase.result : null;
  const chooser = (label: string, variant: 'filled' | 'default') => (
    <FileButton onChange={(f) => void choose(f)} accept=".csv,text/csv,text/plain" resetRef={resetRef}>
      {(buttonProps) => (
        <Button {...buttonProps} variant={variant} leftSection={<IconUpload size={16} />} disabled={busy}>
          {label}
        </Button>
      )}
    </FileButton>
  );

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title="Import tracking events from CSV"
      size="min(1100px, 95vw)"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      <Stack>
        {phase.step === 'choose' ? (
          <Stack gap="sm">
            <Text size="sm">
              One tracking event per line, with a header line naming the columns (any order). Required:{' '}
              <Code>carrier</Code> (its code), <Code>tracking_number</Code>, <Code>occurred_at</Code> (ISO
              8601 with an offset or Z) and <Code>status</Code>.
            </Text>
            <Text size="xs" c="dimmed">
              Optional: substatus, reason, location, eta, raw_code, raw_text, event_id. A status outside the
              nine known ones is kept raw and flagged as an exception; a number no shipment has is kept for
              review. Importing the same file twice applies nothing the second time.
            </Text>
            <Alert color="blue" variant="light" icon={<IconFileSpreadsheet size={18} />}>
              First you see what the file would do, line by line. Nothing is imported unless every line is
              valid.
            </Alert>
            <Group>{chooser('Choose CSV file…', 'filled')}</Group>
          </Stack>
        ) : null}
        {file && phase.step !== 'choose' ? (
          <Group gap="xs">
            <IconFileSpreadsheet size={16} />
            <Text size="sm" fw={500}>
              {file.name}
            </Text>
          </Group>
        ) : null}
        {phase.step === 'busy' ? (
          <Stack gap={6} role="status" aria-live="polite">
            <Text size="sm">
              {phase.mode === 'preview' ? 'Checking every line on the server…' : 'Applying the import…'}
            </Text>
            <Progress value={100} animated striped aria-label="Working" />
          </Stack>
        ) : null}
        {phase.step === 'failed' ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title={phase.mode === 'apply' ? 'Nothing was imported' : 'The file could not be checked'}
          >
            {actionErrorMessage(phase.error)}
          </Alert>
        ) : null}
        {phase.step === 'preview' ? (
          phase.result.valid ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Every line is valid">
              {canApply
                ? 'Review the lines below, then apply them. All lines are imported together.'
                : 'The file changes nothing: every event in it was already received.'}
            </Alert>
          ) : (
            <Alert
              color="red"
              icon={<IconAlertTriangle size={18} />}
              role="alert"
              title={`${phase.result.errors.length} ${phase.result.errors.length === 1 ? 'error' : 'errors'} — nothing will be imported`}
            >
              <Text size="sm">Fix these lines in the file, then choose it again.</Text>
              <List size="sm" mt="xs" spacing={2} aria-label="Line errors">
                {phase.result.errors.slice(0, 50).map((e) => (
                  <List.Item key={`${e.line}:${e.field}:${e.message}`}>{lineErrorText(e)}</List.Item>
                ))}
              </List>
            </Alert>
          )
        ) : null}
        {phase.step === 'done' ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Import complete" role="status">
            {phase.result.counts.apply} applied, {phase.result.counts.duplicate} duplicates skipped,{' '}
            {phase.result.counts.unmatched} kept as unmatched.
          </Alert>
        ) : null}
        {shown ? (
          <>
            <Summary result={shown} />
            <Lines result={shown} />
          </>
        ) : null}
        <Group justify="space-between">
          <Group>
            {phase.step !== 'choose' && phase.step !== 'done'
              ? chooser('Choose another file…', 'default')
              : null}
          </Group>
          <Group>
            {phase.step === 'done' ? (
              <Button onClick={close}>Done</Button>
            ) : (
              <>
                <Button variant="default" onClick={close} disabled={busy}>
                  Cancel
                </Button>
                <Button
                  disabled={!canApply}
                  loading={busy && phase.mode === 'apply'}
                  onClick={() => file && phase.step === 'preview' && void send(file.text, 'apply')}
                >
                  Apply import
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
