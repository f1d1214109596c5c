import { Badge } from '@mantine/core';
import type { TrackingStatus } from '../../../api/types.js';

export const TRACKING_STATUS_LABELS: Record<TrackingStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'gray' },
  info_received: { label: 'Info received', color: 'gray' },
  in_transit: { label: 'In transit', color: 'blue' },
  out_for_delivery: { label: 'Out for delivery', color: 'cyan' },
  attempt_fail: { label: 'Failed attempt', color: 'orange' },
  available_for_pickup: { label: 'Available for pickup', color: 'yellow' },
  delivered: { label: 'Delivered', color: 'teal' },
  exception: { label: 'Exception', color: 'red' },
  expired: { label: 'Expired', color: 'gray' },
};

export function TrackingStatusBadge(props: { status: TrackingStatus; variant?: 'light' | 'filled' }) {
  const s = TRACKING_STATUS_LABELS[props.status];
  return (
    <Badge variant={props.variant ?? 'light'} color={s.color} radius="sm">
      {s.label}
    </Badge>
  );
}

/** "arrived_at_facility" → "arrived at facility". */
export const humanize = (code: string) => code.replaceAll('_', ' ');
