/** The tables the catalog module owns (migrations/0008_catalog.ts). No other module reads them. */
export interface CatalogTables {
  products: {
    id: string;
    sku: string;
    name: string;
    search_text: string;
    gtin: string | null;
    unit: string;
    weight_g: number | null;
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    hs_code: string | null;
    country_of_origin: string | null;
    price_amount: number | null;
    price_currency: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  warehouses: {
    id: string;
    code: string;
    name: string;
    line1: string;
    line2: string | null;
    postal_code: string | null;
    city: string;
    region: string | null;
    country: string;
    active: number;
    created_at: string;
    updated_at: string;
  };
  stock_movements: {
    id: string;
    product_id: string;
    warehouse_id: string;
    kind: string;
    quantity: number;
    on_hand_delta: number;
    reserved_delta: number;
    reason: string | null;
    reference_type: string | null;
    reference_id: string | null;
    override: number;
    actor_type: string;
    actor_id: string | null;
    created_at: string;
  };
  stock_levels: {
    product_id: string;
    warehouse_id: string;
    on_hand: number;
    reserved: number;
    updated_at: string;
  };
}
