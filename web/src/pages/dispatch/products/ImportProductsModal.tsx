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
import { type ImportMode, productsApi } from '../../../api/endpoints.js';
import type { ImportAction, ProductImportResult } from '../../../api/types.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { TableHead } from '../../../components/TableHead.js';
import { actionErrorMessage } from '../../../lib/errorMessage.js';
import { lineErrorText } from '../../customers/ImportPreview.js';

type Phase =
  | { step: 'choose' }
  | { step: 'busy'; mode: ImportMode }
  | { step: 'preview'; result: ProductImportResult }
  | { step: 'done'; result: ProductImportResult }
  | { step: 'failed'; mode: ImportMode; error: unknown };

const COLUMNS_HELP =
  'sku, name, gtin, unit, weight_g, length_mm, width_mm, height_mm, hs_code, country_of_origin, price, active';

const ACTION_COLORS: Record<ImportAction, string> = {
  create: 'teal',
  update: 'blue',
  unchanged: 'gray',
  invalid: 'red',
};
const MAX_ROWS = 500;

function Summary(props: { result: ProductImportResult }) {
  const { counts } = props.result;
  return (
    <Group gap="xs" aria-label="Import summary">
      <Text size="sm" fw={500}>
        {counts.lines} {counts.lines === 1 ? 'line' : 'lines'}:
      </Text>
      {(['create', 'update', 'unchanged', 'invalid'] as const).map((action) => (
        <Badge key={action} color={ACTION_COLORS[action]} variant="light" tt="none">
          {counts[action]} {action === 'create' ? 'new' : action === 'update' ? 'to update' : action}
        </Badge>
      ))}
    </Group>
  );
}

function Lines(props: { result: ProductImportResult }) {
  const applied = props.result.mode === 'apply';
  return (
    <Table.ScrollContainer minWidth={700} maxHeight={360}>
      <Table aria-label="Import lines" stickyHeader>
        <TableHead
          columns={[
            { label: 'Line', w: 70 },
            { label: 'Action', w: 120 },
            { label: 'SKU', w: 160 },
            'Name',
            'Changes or errors',
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
                  color={ACTION_COLORS[line.action]}
                  variant={line.action === 'invalid' ? 'filled' : 'light'}
                  size="sm"
                >
                  {line.action}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {line.sku ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {applied && line.productId ? (
                  <RouterAnchor
                    to="/dispatch/products/$productId"
                    params={{ productId: line.productId }}
                    size="sm"
                  >
                    {line.name ?? line.sku}
                  </RouterAnchor>
                ) : (
                  <Text size="sm">{line.name ?? '—'}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {line.errors.length > 0 ? (
                  <Text size="sm" c="red.8">
                    {line.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ')}
                  </Text>
                ) : (
                  <Text size="sm" c={line.action === 'update' ? undefined : 'dimmed'}>
                    {line.action === 'update'
                      ? `Changes: ${line.changes.join(', ')}`
                      : line.action === 'create'
                        ? 'New product'
                        : 'Already up to date'}
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

/** Import products from CSV: the server checks every line (preview), then Apply imports all lines or none. */
export function ImportProductsModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const resetRef = useRef<() => void>(null);
  const busy = phase.step === 'busy';

  async function send(text: string, mode: ImportMode) {
    setPhase({ step: 'busy', mode });
    try {
      const result = await productsApi.importCsv(text, mode);
      if (mode === 'apply') {
        void queryClient.invalidateQueries({ queryKey: ['products'] });
        void queryClient.invalidateQueries({ queryKey: ['stock'] });
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
    phase.result.counts.create + phase.result.counts.update > 0;
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
      title="Import products from CSV"
      size="min(1000px, 95vw)"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      <Stack>
        {phase.step === 'choose' ? (
          <Stack gap="sm">
            <Text size="sm">
              One product per line, with a header line naming the columns (any order; columns you leave out
              stay unchanged on existing products). A line whose <Code>sku</Code> exists updates that product;
              otherwise it creates one (a name is then required). An export from this page re-imports
              unchanged.
            </Text>
            <Text size="xs" c="dimmed">
              Columns: {COLUMNS_HELP}. Price is a decimal amount and currency, e.g. <Code>12.50 EUR</Code>.
              The three dimensions are in millimetres and given together.
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
                ? 'Review the changes below, then apply them. All lines are imported together.'
                : 'The file changes nothing: every product in it is already up to date.'}
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
            {phase.result.counts.create} created, {phase.result.counts.update} updated,{' '}
            {phase.result.counts.unchanged} unchanged.
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
                  {phase.step === 'preview' && canApply
                    ? `Apply: ${phase.result.counts.create} new, ${phase.result.counts.update} updated`
                    : 'Apply'}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
