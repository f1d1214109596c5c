import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditFilters } from '../../../api/endpoints.js';

const EMPTY: Required<AuditFilters> = {
  action: '',
  entityType: '',
  entityId: '',
  actorId: '',
  from: '',
  to: '',
};

/** The audit trail filters; applied together when the form is submitted. */
export function AuditFiltersForm(props: { onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const set = (key: keyof AuditFilters) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });
  const apply = (filters: Required<AuditFilters>) => {
    const clean: AuditFilters = {};
    for (const [key, value] of Object.entries(filters) as [keyof AuditFilters, string][]) {
      if (value.trim()) clean[key] = value.trim();
    }
    props.onApply(clean);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="sm">
        <TextInput
          label="Action"
          placeholder="e.g. user.created"
          value={draft.action}
          onChange={set('action')}
        />
        <TextInput
          label="Entity type"
          placeholder="e.g. user"
          value={draft.entityType}
          onChange={set('entityType')}
        />
        <TextInput label="Entity id" value={draft.entityId} onChange={set('entityId')} />
        <TextInput label="Actor id" value={draft.actorId} onChange={set('actorId')} />
        <TextInput
          label="From"
          type="date"
          value={draft.from}
          onChange={set('from')}
          max={draft.to || undefined}
        />
        <TextInput
          label="To"
          type="date"
          value={draft.to}
          onChange={set('to')}
          min={draft.from || undefined}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" size="xs" leftSection={<IconFilter size={14} />}>
          Apply filters
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setDraft(EMPTY);
            apply(EMPTY);
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}
