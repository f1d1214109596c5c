import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { delaysApi, worklistApi } from '../../api/endpoints.js';
import type { Role, TaskDetail } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { QueryError } from '../../components/QueryError.js';
import { actionErrorMessage } from '../../lib/errorMessage.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { SnoozeModal } from './SnoozeModal.js';
import {
  DELAY_COLORS,
  departmentLabel,
  kindLabel,
  localToday,
  mayWrite,
  PRIORITY_COLORS,
  ROLE_OPTIONS,
  recordPath,
} from './worklistLabels.js';

/** One task: why it is here, the record it is about, its owner, comments, and the actions on it. */
export function TaskDrawer(props: { taskId: string | null; onClose: () => void }) {
  const { taskId } = props;
  const query = useQuery({
    queryKey: ['worklist', 'task', taskId],
    queryFn: () => worklistApi.get(taskId as string),
    enabled: taskId !== null,
  });
  return (
    <Drawer
      opened={taskId !== null}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={query.data ? query.data.title : 'Task'}
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <TaskBody task={query.data} />
      ) : (
        <Loader size="sm" />
      )}
    </Drawer>
  );
}

function TaskBody(props: { task: TaskDetail }) {
  const { task } = props;
  const { user } = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [resolution, setResolution] = useState('');
  const [snoozing, setSnoozing] = useState(false);
  const canWrite = mayWrite(user.roles, task.department);
  const path = recordPath(task);
  const overdue = task.status === 'open' && task.dueDate !== null && task.dueDate < localToday();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['worklist'] });
  };
  const act = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: actionErrorMessage(error) }),
  });

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge color={PRIORITY_COLORS[task.priority]} variant="light">
          {task.priority}
        </Badge>
        <Badge variant="outline">{departmentLabel(task.department)}</Badge>
        <Badge variant="outline" color="gray">
          {kindLabel(task.kind)}
        </Badge>
        <Badge color={task.status === 'open' ? 'blue' : 'teal'} variant="filled">
          {task.status}
        </Badge>
        {task.escalatedAt ? (
          <Badge color="red" variant="filled">
            escalated
          </Badge>
        ) : null}
      </Group>
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Why
        </Text>
        <Text>{task.reason}</Text>
      </div>
      <Group gap="xl">
        <div>
          <Text size="xs" c="dimmed">
            Record
          </Text>
          {path ? (
            <Anchor
              href={path}
              onClick={(e) => {
                e.preventDefault();
                router.history.push(path);
              }}
            >
              {task.recordType} {task.recordId}
            </Anchor>
          ) : (
            <Text>
              {task.recordType} {task.recordId}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Owner
          </Text>
          <Text>
            {task.ownerUserId === user.id
              ? 'You'
              : task.ownerUserId
                ? `User ${task.ownerUserId}`
                : task.ownerRole
                  ? `Role ${task.ownerRole}`
                  : 'Nobody'}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Due
          </Text>
          <Text c={overdue ? 'red' : undefined}>{formatDate(task.dueDate)}</Text>
        </div>
      </Group>
      {task.recordType === 'order' || task.recordType === 'shipment' ? (
        <DelayPanel entityType={task.recordType} id={task.recordId} />
      ) : null}
      {task.snoozedUntil ? (
        <Alert color="yellow" title={`Snoozed until ${formatDate(task.snoozedUntil)}`}>
          {task.snoozeReason}
        </Alert>
      ) : null}
      {task.resolution ? (
        <Alert color="teal" title={`Resolved ${formatDateTime(task.doneAt)}`}>
          {task.resolution}
        </Alert>
      ) : null}

      {canWrite && task.status === 'open' ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => act.mutate(() => worklistApi.assign(task.id, { ownerUserId: user.id }))}
            >
              Assign to me
            </Button>
            <Select
              size="xs"
              aria-label="Assign to role"
              placeholder="Assign to role…"
              data={ROLE_OPTIONS}
              value={null}
              onChange={(role) =>
                role &&
                act.mutate(() => worklistApi.assign(task.id, { ownerRole: role as Role, ownerUserId: null }))
              }
              w={180}
            />
            <Button size="xs" variant="default" onClick={() => setSnoozing(true)}>
              Snooze…
            </Button>
          </Group>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              label="Resolution"
              placeholder="What was done (optional)"
              value={resolution}
              onChange={(e) => setResolution(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              size="xs"
              color="teal"
              loading={act.isPending}
              onClick={() => act.mutate(() => worklistApi.done(task.id, resolution.trim() || undefined))}
            >
              Mark done
            </Button>
          </Group>
        </Stack>
      ) : null}
      {canWrite && task.status !== 'open' ? (
        <Group>
          <Button size="xs" variant="default" onClick={() => act.mutate(() => worklistApi.reopen(task.id))}>
            Reopen
          </Button>
        </Group>
      ) : null}

      <Divider label="Comments" labelPosition="left" />
      {task.comments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No comments yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {task.comments.map((c) => (
            <div key={c.id}>
              <Text size="xs" c="dimmed">
                {c.authorLabel ?? 'Someone'} · {formatDateTime(c.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </div>
          ))}
        </Stack>
      )}
      {canWrite ? (
        <Stack gap="xs">
          <Textarea
            aria-label="New comment"
            placeholder="Add a comment"
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!comment.trim()}
              onClick={() =>
                act.mutate(async () => {
                  await worklistApi.comment(task.id, comment.trim());
                  setComment('');
                })
              }
            >
              Comment
            </Button>
          </Group>
        </Stack>
      ) : null}
      <Text size="xs" c="dimmed">
        Opened {formatDateTime(task.createdAt)} · cause {task.dedupeKey}
      </Text>
      <SnoozeModal
        opened={snoozing}
        title="Snooze task"
        onClose={() => setSnoozing(false)}
        onSnooze={async (input) => {
          await worklistApi.snooze(task.id, input);
          await refresh();
          notifications.show({ color: 'teal', message: `Snoozed until ${formatDate(input.until)}.` });
        }}
      />
    </Stack>
  );
}

/** The current computed delay state of the task's order or shipment, with its reasons. */
function DelayPanel(props: { entityType: 'order' | 'shipment'; id: string }) {
  const query = useQuery({
    queryKey: ['worklist', 'delay', props.entityType, props.id],
    queryFn: () => delaysApi.detail(props.entityType, props.id),
  });
  const state = query.data?.state;
  if (!state) return null;
  return (
    <Alert
      color={DELAY_COLORS[state.state] ?? 'gray'}
      title={
        <Group gap="xs">
          <span>Delay state</span>
          <Badge color={DELAY_COLORS[state.state] ?? 'gray'} variant="filled" aria-label="Delay state">
            {state.state.replace('_', ' ')}
          </Badge>
        </Group>
      }
    >
      <Stack gap={2}>
        {state.reasons.map((r) => (
          <Text key={r} size="sm">
            {r}
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          {state.expectedDate ? `Expected ${formatDate(state.expectedDate)} · ` : ''}
          {state.dueDate
            ? `${props.entityType === 'order' ? 'Promised ship date' : 'Requested delivery'} ${formatDate(state.dueDate)} · `
            : ''}
          evaluated {formatDateTime(state.evaluatedAt)}
        </Text>
      </Stack>
    </Alert>
  );
}
