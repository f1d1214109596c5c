import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { productsApi } from '../../../api/endpoints.js';
import type { Movement, MovementKind, Product } from '../../../api/types.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { formatDateTime } from '../../../lib/format.js';

const KIND_COLORS: Record<MovementKind, string> = {
  receipt: 'teal',
  reservation: 'blue',
  release: 'cyan',
  dispatch: 'indigo',
  return: 'grape',
  adjustment: 'orange',
};

export function KindBadge(props: { kind: MovementKind }) {
  return (
    <Badge variant="light" color={KIND_COLORS[props.kind]} radius="sm">
      {props.kind}
    </Badge>
  );
}

/** "+10", "−3", "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n.toLocaleString()}` : n < 0 ? `−${Math.abs(n).toLocaleString()}` : '0';
}

/** The products of some movements, by id (each fetched once and cached with the product pages). */
export function useProductsById(ids: readonly string[]): Map<string, Product> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['products', 'detail', id],
      queryFn: () => productsApi.get(id),
      staleTime: 60_000,
    })),
  });
  const map = new Map<string, Product>();
  for (const r of results) if (r.data) map.set(r.data.id, r.data);
  return map;
}

export const MOVEMENT_COLUMNS = [
  { label: 'When', w: 170 },
  { label: 'Kind', w: 120 },
  'Product',
  { label: 'Warehouse', w: 120 },
  { label: 'Quantity', w: 100, ta: 'right' as const },
  { label: 'On hand', w: 90, ta: 'right' as const },
  { label: 'Reserved', w: 90, ta: 'right' as const },
  'Reason / reference',
];

export function MovementRow(props: {
  movement: Movement;
  product: Product | undefined;
  warehouseCode: string;
}) {
  const m = props.movement;
  return (
    <Table.Tr data-kind={m.kind}>
      <Table.Td>
        <Text size="sm">{formatDateTime(m.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <KindBadge kind={m.kind} />
        {m.override ? (
          <Tooltip label="Allowed available stock below zero (audited override)">
            <Badge ml={4} color="red" variant="outline" size="xs" radius="sm">
              override
            </Badge>
          </Tooltip>
        ) : null}
      </Table.Td>
      <Table.Td>
        <RouterAnchor to="/dispatch/products/$productId" params={{ productId: m.productId }} size="sm">
          {props.product ? `${props.product.sku} — ${props.product.name}` : m.productId}
        </RouterAnchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {props.warehouseCode}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} c={m.quantity < 0 ? 'red.7' : undefined}>
          {signed(m.quantity)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c="dimmed">
          {m.onHandDelta === 0 ? '—' : signed(m.onHandDelta)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c="dimmed">
          {m.reservedDelta === 0 ? '—' : signed(m.reservedDelta)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {m.reason ?? ''}
          {m.reference ? (
            <Text span size="xs" c="dimmed" ml={m.reason ? 6 : 0}>
              {m.reference.type} {m.reference.id}
            </Text>
          ) : null}
          {!m.reason && !m.reference ? '—' : null}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
