import {
  Alert,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  Progress,
  Stack,
  Stepper,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { customersApi, type ImportMode } from '../../api/endpoints.js';
import type { ImportLineError, ImportResult } from '../../api/types.js';
import { actionErrorMessage } from '../../lib/errorMessage.js';
import { ImportCounts, ImportLinesTable, lineErrorText } from './ImportPreview.js';

/** What the dialog is doing; `busy` phases show a progress bar. */
type Phase =
  | { step: 'choose' }
  | { step: 'busy'; mode: ImportMode; stage: 'reading' | 'uploading' | 'checking'; fraction: number }
  | { step: 'preview'; result: ImportResult }
  | { step: 'done'; result: ImportResult }
  | { step: 'failed'; mode: ImportMode; error: unknown; preview: ImportResult | null };

const COLUMNS_HELP =
  'code, legal_name, status, currency, language, payment_terms, credit_limit, tax_id, tags, owner_email, ' +
  'billing_line1 … billing_country, shipping_line1 … shipping_country, contact_name, contact_email, contact_phone, notes';

function busyLabel(phase: Extract<Phase, { step: 'busy' }>): string {
  if (phase.stage === 'reading') return 'Reading the file…';
  if (phase.stage === 'uploading') return `Uploading… ${Math.round(phase.fraction * 100)}%`;
  return phase.mode === 'preview' ? 'Validating every line on the server…' : 'Applying the import…';
}

/** The errors a rejected apply (400) lists per line, from the problem's `errors`. */
function problemLineErrors(error: unknown): ImportLineError[] {
  if (!isApiError(error)) return [];
  return error.errors.flatMap((e) => {
    const extra = e as { line?: unknown; field?: unknown };
    return typeof extra.line === 'number'
      ? [
          {
            line: extra.line,
            field: typeof extra.field === 'string' ? extra.field : null,
            message: e.message,
          },
        ]
      : [];
  });
}

/**
 * Import customers from a CSV file: choose it → the server validates every line (preview, nothing
 * changes) → Apply, only when every line is valid, imports all lines in one transaction.
 */
export function ImportCustomersModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const resetRef = useRef<() => void>(null);
  const busy = phase.step === 'busy';

  async function send(text: string, mode: ImportMode, preview: ImportResult | null) {
    setPhase({ step: 'busy', mode, stage: 'uploading', fraction: 0 });
    try {
      const result = await customersApi.importCsv(text, mode, (fraction) =>
        setPhase({ step: 'busy', mode, stage: fraction >= 1 ? 'checking' : 'uploading', fraction }),
      );
      if (mode === 'apply') {
        void queryClient.invalidateQueries({ queryKey: ['customers'] });
        setPhase({ step: 'done', result });
      } else setPhase({ step: 'preview', result });
    } catch (error) {
      setPhase({ step: 'failed', mode, error, preview });
    }
  }

  async function choose(picked: File | null) {
    resetRef.current?.();
    if (!picked) return;
    setPhase({ step: 'busy', mode: 'preview', stage: 'reading', fraction: 0 });
    try {
      const text = await picked.text();
      setFile({ name: picked.name, size: picked.size, text });
      await send(text, 'preview', null);
    } catch (error) {
      setPhase({ step: 'failed', mode: 'preview', error, preview: null });
    }
  }

  function close() {
    if (busy) return;
    setPhase({ step: 'choose' });
    setFile(null);
    props.onClose();
  }

  const preview = phase.step === 'preview' ? phase.result : phase.step === 'failed' ? phase.preview : null;
  const canApply =
    phase.step === 'preview' &&
    phase.result.valid &&
    phase.result.counts.create + phase.result.counts.update > 0;
  const invalidPreview = phase.step === 'preview' && !phase.result.valid;
  const active =
    phase.step === 'choose'
      ? 0
      : phase.step === 'done'
        ? 3
        : phase.step === 'preview'
          ? invalidPreview
            ? 1
            : 2
          : phase.mode === 'preview'
            ? 1
            : 2;

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
      title="Import customers from CSV"
      size="min(1100px, 95vw)"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      <Stack>
        <Stepper active={active} size="xs" allowNextStepsSelect={false}>
          <Stepper.Step label="Choose a file" />
          <Stepper.Step
            label="Check every line"
            description={invalidPreview ? 'Errors to fix' : 'Nothing changes yet'}
            color={invalidPreview ? 'red' : undefined}
          />
          <Stepper.Step label="Apply" description="All lines or none" />
        </Stepper>

        {phase.step === 'choose' ? (
          <Stack gap="sm">
            <Text size="sm">
              One customer per line, with a header line naming the columns (any order; columns you leave out
              stay unchanged on existing customers). A line whose <Code>code</Code> exists updates that
              customer; otherwise it creates one. Only <Code>legal_name</Code> and the billing address are
              needed for a new customer. An export from this page re-imports unchanged.
            </Text>
            <Text size="xs" c="dimmed">
              Columns: {COLUMNS_HELP}. Payment terms are written <Code>net 30</Code>, <Code>eom 45</Code> or{' '}
              <Code>instalments 30:50 60:50</Code>, optionally followed by <Code>; discount 2% 10</Code>.
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
            <Text size="xs" c="dimmed">
              {file.size.toLocaleString()} bytes
            </Text>
          </Group>
        ) : null}

        {phase.step === 'busy' ? (
          <Stack gap={6} role="status" aria-live="polite">
            <Text size="sm">{busyLabel(phase)}</Text>
            <Progress
              value={phase.stage === 'uploading' ? Math.max(5, phase.fraction * 100) : 100}
              animated={phase.stage !== 'uploading'}
              striped={phase.stage !== 'uploading'}
              aria-label={busyLabel(phase)}
            />
          </Stack>
        ) : null}

        {phase.step === 'failed' ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title={phase.mode === 'apply' ? 'Nothing was imported' : 'The file could not be checked'}
          >
            <Text size="sm">{actionErrorMessage(phase.error)}</Text>
            {problemLineErrors(phase.error).length > 0 ? (
              <List size="sm" mt="xs">
                {problemLineErrors(phase.error).map((e) => (
                  <List.Item key={`${e.line}:${e.field}:${e.message}`}>{lineErrorText(e)}</List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}

        {phase.step === 'preview' ? (
          phase.result.valid ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Every line is valid">
              {canApply
                ? 'Review the changes below, then apply them. All lines are imported together, in one go.'
                : 'The file changes nothing: every customer in it is already up to date.'}
            </Alert>
          ) : (
            <Alert
              color="red"
              icon={<IconAlertTriangle size={18} />}
              role="alert"
              title={`${phase.result.errors.length} ${phase.result.errors.length === 1 ? 'error' : 'errors'} — nothing will be imported`}
            >
              <Text size="sm">
                Nothing is imported while any line is invalid. Fix these lines in the file, then choose it
                again.
              </Text>
              <List size="sm" mt="xs" spacing={2} aria-label="Line errors">
                {phase.result.errors.slice(0, 50).map((e) => (
                  <List.Item key={`${e.line}:${e.field}:${e.message}`}>{lineErrorText(e)}</List.Item>
                ))}
              </List>
              {phase.result.errors.length > 50 ? (
                <Text size="xs" mt={4}>
                  … and {phase.result.errors.length - 50} more, marked in the table below.
                </Text>
              ) : null}
            </Alert>
          )
        ) : null}

        {phase.step === 'done' ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Import complete" role="status">
            {phase.result.counts.create} created, {phase.result.counts.update} updated,{' '}
            {phase.result.counts.unchanged} unchanged.
          </Alert>
        ) : null}

        {phase.step === 'preview' || phase.step === 'done' || preview ? (
          <>
            <ImportCounts result={phase.step === 'done' ? phase.result : preview!} />
            <ImportLinesTable result={phase.step === 'done' ? phase.result : preview!} />
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
                  onClick={() =>
                    file && phase.step === 'preview' && void send(file.text, 'apply', phase.result)
                  }
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
