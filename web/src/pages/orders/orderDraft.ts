import type { Address, CreateOrderInput, Order, OrderLineInput } from '../../api/types.js';
import type { AddressDraft } from '../customers/customerDraft.js';
import type { ProductRef } from '../dispatch/stock/ProductSelect.js';

export interface LineDraft {
  key: number;
  product: ProductRef | null;
  warehouseId: string | null;
  quantity: string;
}

/** The order form's state: text as typed; turned into the API's shape on submit. */
export interface OrderDraft {
  customerId: string | null;
  customerReference: string;
  /** Ship to the customer's own shipping (else billing) address. */
  useCustomerAddress: boolean;
  address: AddressDraft;
  requestedDeliveryDate: string;
  promisedShipDate: string;
  incoterm: string | null;
  incotermPlace: string;
  notes: string;
  lines: LineDraft[];
}

let lineKey = 0;
export const newLine = (warehouseId: string | null = null): LineDraft => ({
  key: ++lineKey,
  product: null,
  warehouseId,
  quantity: '',
});

const EMPTY_ADDRESS: AddressDraft = {
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  region: '',
  country: null,
};

function addressDraft(address: Address): AddressDraft {
  return {
    line1: address.line1,
    line2: address.line2 ?? '',
    postalCode: address.postalCode ?? '',
    city: address.city,
    region: address.region ?? '',
    country: address.country,
  };
}

export function orderDraft(order: Order | null, customerId?: string): OrderDraft {
  return {
    customerId: order?.customerId ?? customerId ?? null,
    customerReference: order?.customerReference ?? '',
    useCustomerAddress: !order,
    address: order ? addressDraft(order.shippingAddress) : EMPTY_ADDRESS,
    requestedDeliveryDate: order?.requestedDeliveryDate ?? '',
    promisedShipDate: order?.promisedShipDate ?? '',
    incoterm: order?.incoterm ?? null,
    incotermPlace: order?.incotermPlace ?? '',
    notes: order?.notes ?? '',
    lines: order
      ? order.lines.map((l) => ({
          key: ++lineKey,
          product: { id: l.productId, sku: l.sku, name: l.description },
          warehouseId: l.warehouseId,
          quantity: String(l.ordered),
        }))
      : [newLine()],
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A whole number as typed, or null (the server then names the field). */
const quantity = (text: string): number =>
  /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : (null as unknown as number);

/** The lines sent: all but the untouched empty ones (error paths `lines.N` index this list). */
export function sentLines(draft: OrderDraft): LineDraft[] {
  return draft.lines.filter((l) => l.product || l.quantity.trim());
}

/** The body for create (and, without `customerId` changes, for update): every field, lines replaced. */
export function orderInput(draft: OrderDraft): CreateOrderInput {
  const lines: OrderLineInput[] = sentLines(draft).map((l) => ({
    ...(l.product ? { productId: l.product.id } : { productId: '' }),
    warehouseId: l.warehouseId ?? '',
    quantity: quantity(l.quantity),
  }));
  return {
    customerId: draft.customerId ?? '',
    customerReference: orNull(draft.customerReference),
    shippingAddress: draft.useCustomerAddress
      ? null
      : {
          line1: draft.address.line1.trim(),
          line2: orNull(draft.address.line2),
          postalCode: orNull(draft.address.postalCode),
          city: draft.address.city.trim(),
          region: orNull(draft.address.region),
          country: draft.address.country ?? '',
        },
    requestedDeliveryDate: draft.requestedDeliveryDate || null,
    promisedShipDate: draft.promisedShipDate || null,
    incoterm: draft.incoterm,
    incotermPlace: orNull(draft.incotermPlace),
    notes: orNull(draft.notes),
    lines,
  };
}

/** Messages below `prefix.` with the prefix removed; the one at `prefix` itself under ''. */
export function below(errors: Record<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) result[''] = message;
    else if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  }
  return result;
}
