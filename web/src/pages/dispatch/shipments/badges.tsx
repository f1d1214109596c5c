import { Badge } from '@mantine/core';
import type { ShipmentDocumentKind, ShipmentStatus } from '../../../api/types.js';

const SHIPMENT_STATUS: Record<ShipmentStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  picked: { label: 'Picked', color: 'indigo' },
  packed: { label: 'Packed', color: 'violet' },
  shipped: { label: 'Shipped', color: 'blue' },
  delivered: { label: 'Delivered', color: 'teal' },
  returned: { label: 'Returned', color: 'orange' },
  lost: { label: 'Lost', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'dark' },
};

export const SHIPMENT_STATUS_OPTIONS = Object.entries(SHIPMENT_STATUS).map(([value, { label }]) => ({
  value,
  label,
}));

export function ShipmentStatusBadge(props: { status: ShipmentStatus }) {
  const s = SHIPMENT_STATUS[props.status];
  return (
    <Badge variant="light" color={s.color} radius="sm">
      {s.label}
    </Badge>
  );
}

export const DOCUMENT_LABELS: Record<ShipmentDocumentKind, string> = {
  pick_list: 'Pick list',
  packing_list: 'Packing list',
  label_pdf: 'Shipping label (PDF)',
  label_zpl: 'Shipping label (ZPL)',
  bill_of_lading: 'Bill of lading',
};

/** Shipments still being prepared: their quantities are held against the order's open lines. */
export const OPEN_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['draft', 'picked', 'packed'];

export const FREIGHT_TERMS_LABELS: Record<string, string> = {
  prepaid: 'Prepaid',
  collect: 'Collect',
  third_party: 'Third party',
};

/** Grams as kilograms for people: 12500 → "12.5 kg". */
export function formatKg(grams: number): string {
  return `${(grams / 1000).toLocaleString(undefined, { maximumFractionDigits: 3 })} kg`;
}
