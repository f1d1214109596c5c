import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { delaysApi } from '../../../api/endpoints.js';
import type { DelayState } from '../../../api/types.js';
import { formatDate } from '../../../lib/format.js';

const DELAY: Record<DelayState, { label: string; color: string }> = {
  on_time: { label: 'On time', color: 'teal' },
  at_risk: { label: 'At risk', color: 'yellow' },
  late: { label: 'Late', color: 'red' },
  stalled: { label: 'Stalled', color: 'orange' },
};

/**
 * The computed delay state of an open order or shipment (on time, at risk, late, stalled), its reasons
 * in a tooltip; nothing while it has not been evaluated or once it is closed.
 */
export function DelayBadge(props: { entityType: 'order' | 'shipment'; id: string }) {
  const query = useQuery({
    queryKey: ['delays', props.entityType, props.id],
    queryFn: () => delaysApi.detail(props.entityType, props.id),
    staleTime: 30_000,
  });
  const view = query.data?.state;
  if (!view?.open) return null;
  const d = DELAY[view.state];
  return (
    <Tooltip
      withArrow
      multiline
      w={320}
      label={
        <Stack gap={2}>
          {view.reasons.map((r) => (
            <Text key={r} size="xs">
              {r}
            </Text>
          ))}
          {view.expectedDate ? <Text size="xs">Expected: {formatDate(view.expectedDate)}</Text> : null}
          {view.dueDate ? <Text size="xs">Due: {formatDate(view.dueDate)}</Text> : null}
        </Stack>
      }
    >
      <Badge
        variant={view.state === 'on_time' ? 'light' : 'filled'}
        color={d.color}
        radius="sm"
        aria-label={`Delay: ${d.label}`}
      >
        {d.label}
      </Badge>
    </Tooltip>
  );
}
