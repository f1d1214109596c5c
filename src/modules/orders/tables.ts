/** The tables the orders module owns (migrations/0009_orders.ts). No other module reads them. */
export interface OrdersTables {
  sales_orders: {
    id: string;
    number: string | null;
    status: string;
    customer_id: string;
    order_date: string;
    currency: string | null;
    net_total: number;
    /** JSON of the address. */
    shipping_address: string;
    requested_delivery_date: string | null;
    promised_ship_date: string | null;
    incoterm: string | null;
    incoterm_place: string | null;
    customer_reference: string | null;
    notes: string | null;
    invoice_id: string | null;
    confirmed_at: string | null;
    first_shipped_at: string | null;
    shipped_at: string | null;
    delivered_at: string | null;
    closed_at: string | null;
    cancelled_at: string | null;
    created_at: string;
    updated_at: string;
  };
  sales_order_lines: {
    id: string;
    order_id: string;
    position: number;
    product_id: string;
    sku: string;
    description: string;
    unit: string;
    warehouse_id: string;
    unit_price: number;
    currency: string;
    ordered: number;
    reserved: number;
    shipped: number;
    backordered: number;
  };
}
