import { Badge } from '@mantine/core';
import type { Order, OrderStatus } from '../../api/types.js';

const ORDER_STATUS: Record<OrderStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  confirmed: { label: 'Confirmed', color: 'blue' },
  partially_shipped: { label: 'Partially shipped', color: 'yellow' },
  shipped: { label: 'Shipped', color: 'cyan' },
  delivered: { label: 'Delivered', color: 'teal' },
  closed: { label: 'Closed', color: 'dark' },
  cancelled: { label: 'Cancelled', color: 'red' },
};

export const ORDER_STATUS_OPTIONS = Object.entries(ORDER_STATUS).map(([value, { label }]) => ({
  value,
  label,
}));

export function OrderStatusBadge(props: { status: OrderStatus }) {
  const s = ORDER_STATUS[props.status];
  return (
    <Badge variant="light" color={s.color} radius="sm">
      {s.label}
    </Badge>
  );
}

/** "SO-2026-000001", or "Draft order" before confirmation. */
export function orderName(order: Pick<Order, 'number'>): string {
  return order.number ?? 'Draft order';
}
