import {
  ActionIcon,
  Alert,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Menu,
  NumberInput,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { followupApi } from '../../api/endpoints.js';
import {
  FOLLOWUP_TONES,
  type FollowupActionInput,
  type FollowupPolicy,
  type FollowupTone,
  type PolicyInput,
  type PolicyStepInput,
  ROLES,
  TEMPLATE_LANGUAGES,
} from '../../api/types.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { useCanWriteFollowup } from './access.js';
import { describeOffset } from './PoliciesPage.js';
import { pathErrors, unplacedErrors } from './policyErrors.js';

type ActionType = FollowupActionInput['type'];
const ACTION_LABELS: Record<ActionType, string> = {
  reminder: 'Send a reminder',
  task: 'Create a task',
  late_fee: 'Charge a late fee',
  interest: 'Charge interest',
  credit_hold: 'Put on credit hold',
};
const DEPARTMENTS = ['finance', 'logistics', 'sales', 'customer_service'];
const TEMPLATE_HELP =
  'Variables: {{customerName}} {{companyName}} {{invoiceNumbers}} {{invoiceList}} {{dueDates}} {{daysOverdue}} {{totalOverdue}} {{paymentInstructions}} {{paymentLink}}';

const newAction = (type: ActionType): FollowupActionInput => {
  switch (type) {
    case 'reminder':
      return { type };
    case 'task':
      return { type, department: 'finance', title: 'Call the customer' };
    case 'late_fee':
      return { type, mode: 'fixed', amount: 4000, currency: 'EUR' };
    case 'interest':
      return { type, annualRatePercent: '10' };
    case 'credit_hold':
      return { type };
  }
};

const blankStep = (offsetDays: number): PolicyStepInput => ({
  name: offsetDays <= 0 ? 'Courtesy reminder' : 'Reminder',
  offsetDays,
  tone: 'friendly',
  actions: [{ type: 'reminder' }],
});

function toInput(policy: FollowupPolicy | undefined): PolicyInput {
  if (!policy) return { name: '', description: null, isDefault: false, steps: [blankStep(1)] };
  return {
    name: policy.name,
    description: policy.description,
    isDefault: policy.isDefault,
    steps: policy.steps.map(({ name, offsetDays, tone, actions }) => ({ name, offsetDays, tone, actions })),
  };
}

export function PolicyEditorPage(props: { policyId?: string }) {
  const query = useQuery({
    queryKey: ['followup', 'policies', props.policyId],
    queryFn: () => followupApi.policy(props.policyId!),
    enabled: !!props.policyId,
  });
  if (props.policyId && query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <PolicyEditor policy={query.data} />;
}

function PolicyEditor(props: { policy: FollowupPolicy | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCanWriteFollowup();
  const [draft, setDraft] = useState<PolicyInput>(() => toInput(props.policy));
  const save = useMutation({
    mutationFn: (input: PolicyInput) =>
      props.policy ? followupApi.updatePolicy(props.policy.id, input) : followupApi.createPolicy(input),
    onSuccess: (policy) => {
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      notifications.show({ color: 'teal', title: 'Policy saved', message: policy.name });
      void navigate({ to: '/followup/policies' });
    },
  });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const remove = useMutation({
    mutationFn: () => followupApi.removePolicy(props.policy!.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      notifications.show({ color: 'teal', title: 'Policy deleted', message: props.policy!.name });
      void navigate({ to: '/followup/policies' });
    },
  });
  const errors = pathErrors(save.error);
  const shown = new Set<string>();
  const err = (path: string) => {
    shown.add(path);
    return errors[path];
  };
  const setStep = (i: number, change: Partial<PolicyStepInput>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...change } : s)) }));
  const setAction = (i: number, k: number, action: FollowupActionInput) =>
    setStep(i, { actions: draft.steps[i]!.actions.map((a, j) => (j === k ? action : a)) });

  const body = (
    <Stack>
      <Paper withBorder radius="md" p="md">
        <Stack>
          <TextInput
            label="Name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={err('name')}
            required
          />
          <Textarea
            label="Description"
            autosize
            value={draft.description ?? ''}
            onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value || null })}
            error={err('description')}
          />
          <Checkbox
            label="Default policy (customers without their own follow this one)"
            checked={draft.isDefault ?? false}
            onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })}
          />
        </Stack>
      </Paper>
      <Text size="sm" c={err('steps') ? 'red' : 'dimmed'}>
        {err('steps') ??
          'Steps fire in order, each at its offset from the due date; a run that missed days fires only the latest due step.'}
      </Text>
      {draft.steps.map((step, i) => {
        const at = `steps.${i}`;
        return (
          <Paper key={at} withBorder radius="md" p="md" aria-label={`Step ${i + 1}`}>
            <Group justify="space-between" mb="sm">
              <Title order={5}>
                Step {i + 1}: {describeOffset(step.offsetDays)}
              </Title>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove step ${i + 1}`}
                onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group align="flex-start" grow>
              <TextInput
                label="Step name"
                value={step.name}
                onChange={(e) => setStep(i, { name: e.currentTarget.value })}
                error={err(`${at}.name`)}
              />
              <NumberInput
                label="Offset (days from due date)"
                description="Negative: before it"
                value={step.offsetDays}
                onChange={(v) => setStep(i, { offsetDays: typeof v === 'number' ? v : Number(v) || 0 })}
                allowDecimal={false}
                error={err(`${at}.offsetDays`)}
              />
              <Select
                label="Tone"
                data={FOLLOWUP_TONES.map((t) => ({ value: t, label: t }))}
                value={step.tone}
                onChange={(v) => setStep(i, { tone: (v as FollowupTone | null) ?? 'friendly' })}
                allowDeselect={false}
                error={err(`${at}.tone`)}
              />
            </Group>
            <Stack mt="sm" gap="sm">
              {step.actions.map((action, k) => {
                const actionPath = `${at}.actions.${k}`;
                return (
                  <ActionFields
                    key={actionPath}
                    path={actionPath}
                    action={action}
                    err={err}
                    onChange={(a) => setAction(i, k, a)}
                    onRemove={() => setStep(i, { actions: step.actions.filter((_, j) => j !== k) })}
                  />
                );
              })}
              {err(`${at}.actions`) ? (
                <Text size="sm" c="red">
                  {errors[`${at}.actions`]}
                </Text>
              ) : null}
              <Menu>
                <Menu.Target>
                  <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} w="fit-content">
                    Add action
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {(Object.keys(ACTION_LABELS) as ActionType[]).map((type) => (
                    <Menu.Item
                      key={type}
                      onClick={() => setStep(i, { actions: [...step.actions, newAction(type)] })}
                    >
                      {ACTION_LABELS[type]}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            </Stack>
          </Paper>
        );
      })}
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        w="fit-content"
        onClick={() =>
          setDraft({
            ...draft,
            steps: [...draft.steps, blankStep((draft.steps.at(-1)?.offsetDays ?? 0) + 14)],
          })
        }
      >
        Add step
      </Button>
    </Stack>
  );
  const unplaced = unplacedErrors(errors, shown);

  return (
    <>
      <RouterAnchor
        to="/followup/policies"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> Policies
      </RouterAnchor>
      <PageHeader
        title={props.policy ? `Policy: ${props.policy.name}` : 'New follow-up policy'}
        actions={
          canWrite ? (
            <>
              {props.policy && !props.policy.isDefault ? (
                <Button variant="default" color="red" onClick={() => setConfirmingDelete(true)}>
                  Delete
                </Button>
              ) : null}
              <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
                Save policy
              </Button>
            </>
          ) : null
        }
      />
      {save.isError ? (
        <Alert color="red" role="alert" mb="md" title="The policy was not saved">
          {Object.keys(errors).length > 0
            ? 'Please correct the highlighted fields.'
            : (save.error as Error).message}
          {unplaced.map((m) => (
            <Text key={m} size="sm">
              {m}
            </Text>
          ))}
        </Alert>
      ) : null}
      {body}
      <ConfirmModal
        opened={confirmingDelete}
        title="Delete policy"
        message={`Delete "${props.policy?.name ?? ''}"? Only a policy no customer follows can be deleted.`}
        confirmLabel="Delete"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
      />
    </>
  );
}

function ActionFields(props: {
  path: string;
  action: FollowupActionInput;
  err: (path: string) => string | undefined;
  onChange: (action: FollowupActionInput) => void;
  onRemove: () => void;
}) {
  const { action, path, err } = props;
  return (
    <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={600}>
          {ACTION_LABELS[action.type]}
        </Text>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove: ${ACTION_LABELS[action.type]}`}
          onClick={props.onRemove}
        >
          <IconTrash size={14} />
        </ActionIcon>
      </Group>
      {err(`${path}.type`) ? (
        <Text size="sm" c="red">
          {err(`${path}.type`)}
        </Text>
      ) : null}
      {action.type === 'reminder' ? <ReminderFields {...props} action={action} /> : null}
      {action.type === 'task' ? (
        <Group grow align="flex-start">
          <TextInput
            label="Task title"
            value={action.title}
            onChange={(e) => props.onChange({ ...action, title: e.currentTarget.value })}
            error={err(`${path}.title`)}
          />
          <Select
            label="Department"
            data={DEPARTMENTS}
            value={action.department}
            onChange={(v) => props.onChange({ ...action, department: v ?? 'finance' })}
            allowDeselect={false}
            error={err(`${path}.department`)}
          />
          <Select
            label="Owner role"
            placeholder="The department's"
            data={[...ROLES]}
            value={action.role ?? null}
            onChange={(v) => props.onChange({ ...action, role: (v as typeof action.role) ?? null })}
            clearable
            error={err(`${path}.role`)}
          />
        </Group>
      ) : null}
      {action.type === 'late_fee' ? (
        <Group grow align="flex-start">
          <Select
            label="Fee"
            data={[
              { value: 'fixed', label: 'Fixed amount' },
              { value: 'percent', label: '% of the open amount' },
            ]}
            value={action.mode}
            onChange={(v) => props.onChange({ ...action, mode: v === 'percent' ? 'percent' : 'fixed' })}
            allowDeselect={false}
          />
          {action.mode === 'fixed' ? (
            <>
              <NumberInput
                label="Amount (minor units)"
                description="e.g. 4000 = 40.00"
                value={action.amount ?? ''}
                onChange={(v) => props.onChange({ ...action, amount: typeof v === 'number' ? v : null })}
                error={err(`${path}.amount`)}
              />
              <TextInput
                label="Currency"
                value={action.currency ?? ''}
                onChange={(e) =>
                  props.onChange({ ...action, currency: e.currentTarget.value.toUpperCase() || null })
                }
                error={err(`${path}.currency`)}
              />
            </>
          ) : (
            <TextInput
              label="Percent"
              value={action.percent ?? ''}
              onChange={(e) => props.onChange({ ...action, percent: e.currentTarget.value })}
              error={err(`${path}.percent`)}
            />
          )}
        </Group>
      ) : null}
      {action.type === 'interest' ? (
        <TextInput
          label="Annual rate (%)"
          description="Simple interest on the open amount for the days late"
          value={action.annualRatePercent}
          onChange={(e) => props.onChange({ ...action, annualRatePercent: e.currentTarget.value })}
          error={err(`${path}.annualRatePercent`)}
          w={240}
        />
      ) : null}
      {action.type === 'credit_hold' ? (
        <TextInput
          label="Reason"
          placeholder="Default: the step's name"
          value={action.reason ?? ''}
          onChange={(e) =>
            props.onChange(
              e.currentTarget.value ? { ...action, reason: e.currentTarget.value } : { type: 'credit_hold' },
            )
          }
          error={err(`${path}.reason`)}
        />
      ) : null}
    </Paper>
  );
}

function ReminderFields(props: {
  path: string;
  action: Extract<FollowupActionInput, { type: 'reminder' }>;
  err: (path: string) => string | undefined;
  onChange: (action: FollowupActionInput) => void;
}) {
  const { action, path, err } = props;
  const templates = action.templates ?? {};
  return (
    <Tabs defaultValue="en">
      <Tabs.List>
        {TEMPLATE_LANGUAGES.map((lang) => (
          <Tabs.Tab key={lang} value={lang}>
            {lang.toUpperCase()}
            {templates[lang] ? ' (custom)' : ''}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {TEMPLATE_LANGUAGES.map((lang) => {
        const template = templates[lang];
        const set = (value: { subject: string; body: string } | undefined) => {
          const next = { ...templates };
          if (value) next[lang] = value;
          else delete next[lang];
          props.onChange(
            Object.keys(next).length > 0 ? { type: 'reminder', templates: next } : { type: 'reminder' },
          );
        };
        return (
          <Tabs.Panel key={lang} value={lang} pt="xs">
            <Checkbox
              label={`Custom ${lang.toUpperCase()} template (otherwise the built-in one for the step's tone)`}
              checked={!!template}
              onChange={(e) => set(e.currentTarget.checked ? { subject: '', body: '' } : undefined)}
              mb="xs"
            />
            {template ? (
              <Stack gap="xs">
                <TextInput
                  label="Subject"
                  value={template.subject}
                  onChange={(e) => set({ ...template, subject: e.currentTarget.value })}
                  error={err(`${path}.templates.${lang}.subject`)}
                />
                <Textarea
                  label="Body"
                  description={TEMPLATE_HELP}
                  autosize
                  minRows={4}
                  value={template.body}
                  onChange={(e) => set({ ...template, body: e.currentTarget.value })}
                  error={err(`${path}.templates.${lang}.body`)}
                />
              </Stack>
            ) : null}
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}
