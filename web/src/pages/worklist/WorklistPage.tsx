import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { worklistApi } from '../../api/endpoints.js';
import type { Department, Role, Task, TaskFilters } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { actionErrorMessage } from '../../lib/errorMessage.js';
import { formatDate } from '../../lib/format.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { LeadsModal } from './LeadsModal.js';
import { SnoozeModal } from './SnoozeModal.js';
import { TaskDrawer } from './TaskDrawer.js';
import {
  DEPARTMENT_OPTIONS,
  departmentLabel,
  KIND_OPTIONS,
  kindLabel,
  localToday,
  PRIORITY_COLORS,
  ROLE_OPTIONS,
  STATUS_OPTIONS,
} from './worklistLabels.js';

const DUE_OPTIONS = [
  { value: 'today', label: 'Due today or earlier' },
  { value: 'overdue', label: 'Overdue' },
];
const SNOOZE_OPTIONS = [
  { value: 'hide', label: 'Hide snoozed' },
  { value: 'only', label: 'Only snoozed' },
  { value: 'include', label: 'Include snoozed' },
];

const COLUMNS = [
  { label: 'Select', hidden: true, w: 40 },
  'Priority',
  'Task',
  'Department',
  'Owner',
  'Due',
  'Record',
];

/** The home screen: the signed-in user's worklist (or everyone's), filters, bulk actions and a task drawer. */
export function WorklistPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [department, setDepartment] = useState<string | null>(null);
  const [ownerRole, setOwnerRole] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>('open');
  const [due, setDue] = useState<string | null>(null);
  const [snoozed, setSnoozed] = useState<string | null>('hide');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openTaskId, setOpenTaskId] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('task'),
  );
  const [bulkSnooze, setBulkSnooze] = useState(false);
  const [leadsOpen, setLeadsOpen] = useState(false);
  const isAdmin = user.roles.includes('admin');

  const filters: TaskFilters = {
    mine: scope === 'mine' ? 'true' : null,
    department: department as Department | null,
    ownerRole: ownerRole as Role | null,
    kind,
    status,
    due: due as TaskFilters['due'],
    snoozed: snoozed as TaskFilters['snoozed'],
  };
  const list = useCursorList(['worklist', 'list', filters], (page) =>
    worklistApi.list({ ...filters, ...page }),
  );
  const today = localToday();
  const ids = [...selected].filter((id) => list.items.some((t) => t.id === id));

  const afterBulk = async (message: string) => {
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: ['worklist'] });
    notifications.show({ color: 'teal', message });
  };
  const bulkAssign = async (input: { ownerUserId?: string | null; ownerRole?: Role | null }) => {
    try {
      const result = await worklistApi.bulkAssign(ids, input);
      await afterBulk(`${result.updated} task${result.updated === 1 ? '' : 's'} assigned.`);
    } catch (error) {
      notifications.show({ color: 'red', message: actionErrorMessage(error) });
    }
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Worklist"
        description={`Good to see you, ${firstName}. Everything that needs a person, across payments and dispatch: why it is here, whose it is and when it is due.`}
        actions={
          <>
            {isAdmin ? (
              <Button variant="default" onClick={() => setLeadsOpen(true)}>
                Escalation leads
              </Button>
            ) : null}
            <Button
              component="a"
              href={worklistApi.exportUrl(filters)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Export CSV
            </Button>
          </>
        }
      />
      <PagedTable
        list={list}
        label="Tasks"
        minWidth={900}
        columns={COLUMNS}
        empty={
          scope === 'mine' && status === 'open'
            ? 'Nothing needs you right now.'
            : 'No tasks match these filters.'
        }
        noun="task"
        toolbar={
          <>
            <Group mb="md" gap="sm" align="flex-end">
              <SegmentedControl
                aria-label="Whose tasks"
                value={scope}
                onChange={(v) => setScope(v as 'mine' | 'all')}
                data={[
                  { value: 'mine', label: 'Mine' },
                  { value: 'all', label: 'Everyone' },
                ]}
              />
              <Select
                label="Department"
                placeholder="Any"
                data={DEPARTMENT_OPTIONS}
                value={department}
                onChange={setDepartment}
                clearable
                w={170}
              />
              <Select
                label="Owner role"
                placeholder="Any"
                data={ROLE_OPTIONS}
                value={ownerRole}
                onChange={setOwnerRole}
                clearable
                w={160}
              />
              <Select
                label="Kind"
                placeholder="Any"
                data={KIND_OPTIONS}
                value={kind}
                onChange={setKind}
                clearable
                w={180}
              />
              <Select
                label="Status"
                placeholder="Any"
                data={STATUS_OPTIONS}
                value={status}
                onChange={setStatus}
                clearable
                w={170}
              />
              <Select
                label="Due"
                placeholder="Any"
                data={DUE_OPTIONS}
                value={due}
                onChange={setDue}
                clearable
                w={180}
              />
              <Select label="Snoozed" data={SNOOZE_OPTIONS} value={snoozed} onChange={setSnoozed} w={150} />
            </Group>
            {ids.length > 0 ? (
              <Group mb="md" gap="sm" aria-label="Bulk actions">
                <Text size="sm" fw={600}>
                  {ids.length} selected
                </Text>
                <Button size="xs" variant="default" onClick={() => void bulkAssign({ ownerUserId: user.id })}>
                  Assign to me
                </Button>
                <Select
                  size="xs"
                  aria-label="Assign selected to role"
                  placeholder="Assign to role…"
                  data={ROLE_OPTIONS}
                  value={null}
                  onChange={(role) => role && void bulkAssign({ ownerRole: role as Role, ownerUserId: null })}
                  w={180}
                />
                <Button size="xs" variant="default" onClick={() => setBulkSnooze(true)}>
                  Snooze…
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              </Group>
            ) : null}
          </>
        }
        row={(task) => (
          <TaskRow
            task={task}
            today={today}
            meId={user.id}
            selected={selected.has(task.id)}
            onSelect={(on) => toggle(task.id, on)}
            onOpen={() => setOpenTaskId(task.id)}
          />
        )}
      />
      <TaskDrawer taskId={openTaskId} onClose={() => setOpenTaskId(null)} />
      <LeadsModal opened={leadsOpen} onClose={() => setLeadsOpen(false)} />
      <SnoozeModal
        opened={bulkSnooze}
        title={`Snooze ${ids.length} task${ids.length === 1 ? '' : 's'}`}
        onClose={() => setBulkSnooze(false)}
        onSnooze={async (input) => {
          const result = await worklistApi.bulkSnooze(ids, input);
          await afterBulk(`${result.updated} task${result.updated === 1 ? '' : 's'} snoozed.`);
        }}
      />
    </>
  );
}

function TaskRow(props: {
  task: Task;
  today: string;
  meId: string;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onOpen: () => void;
}) {
  const { task } = props;
  const overdue = task.status === 'open' && task.dueDate !== null && task.dueDate < props.today;
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={`Select ${task.title}`}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Badge color={PRIORITY_COLORS[task.priority]} variant="light">
          {task.priority}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Anchor component="button" type="button" onClick={props.onOpen} fw={600} ta="left">
          {task.title}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {kindLabel(task.kind)} · {task.reason}
        </Text>
      </Table.Td>
      <Table.Td>{departmentLabel(task.department)}</Table.Td>
      <Table.Td>
        {task.ownerUserId === props.meId ? 'You' : task.ownerUserId ? 'A colleague' : (task.ownerRole ?? '—')}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
          {formatDate(task.dueDate)}
        </Text>
        {task.snoozedUntil && task.snoozedUntil > props.today ? (
          <Text size="xs" c="dimmed">
            snoozed to {formatDate(task.snoozedUntil)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{task.recordType}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
