import { Badge } from '@mantine/core';
import type { DisputeStatus } from '../../api/types.js';
import { STATUS_COLORS } from './access.js';

export function DisputeStatusBadge(props: { status: DisputeStatus }) {
  return (
    <Badge
      variant="light"
      radius="sm"
      color={STATUS_COLORS[props.status]}
      aria-label={`Dispute ${props.status}`}
    >
      {props.status}
    </Badge>
  );
}
