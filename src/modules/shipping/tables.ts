/** The tables the shipping module owns (migrations/0010_shipments.ts). No other module reads them. */
export interface ShippingTables {
  carriers: {
    id: string;
    code: string;
    name: string;
    scac: string | null;
    /** Contains `{trackingNumber}`. */
    tracking_url_template: string | null;
    /** 'duely' | 'aftership' | 'easypost'. */
    webhook_format: string;
    /** AES-GCM sealed secret (platform/auth/sealing.ts). */
    webhook_secret_sealed: string | null;
    /** 0/1. */
    active: number;
    created_at: string;
    updated_at: string;
  };
  shipments: {
    id: string;
    /** SHP-YYYY-NNNNNN from the gapless SHP series. */
    number: string;
    /** 'regular' | 'replacement'. */
    kind: string;
    order_id: string;
    customer_id: string;
    warehouse_id: string;
    status: string;
    carrier_id: string | null;
    service: string | null;
    pro_number: string | null;
    freight_terms: string | null;
    replacement_for: string | null;
    replacement_reason: string | null;
    dispute_id: string | null;
    invoice_id: string | null;
    /** JSON of the delivery address. */
    ship_to: string;
    picked_at: string | null;
    packed_at: string | null;
    shipped_at: string | null;
    delivered_at: string | null;
    returned_at: string | null;
    lost_at: string | null;
    cancelled_at: string | null;
    created_at: string;
    updated_at: string;
  };
  shipment_lines: {
    id: string;
    shipment_id: string;
    position: number;
    order_line_id: string;
    product_id: string;
    sku: string;
    description: string;
    unit: string;
    quantity: number;
  };
  shipment_packages: {
    id: string;
    shipment_id: string;
    sequence: number;
    sscc: string;
    packaging: string;
    weight_g: number;
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    /** JSON: [{ shipmentLineId, quantity }]. */
    contents: string;
    created_at: string;
  };
  shipment_tracking_numbers: {
    carrier_id: string;
    tracking_number: string;
    shipment_id: string;
    /** Order as given when shipping (0 for numbers added otherwise). */
    position: number;
    created_at: string;
  };
  shipment_documents: {
    id: string;
    shipment_id: string;
    /** 'pick_list' | 'packing_list' | 'label_pdf' | 'label_zpl' | 'bill_of_lading'. */
    kind: string;
    package_id: string | null;
    document_id: string;
    filename: string;
    content_type: string;
    sha256: string;
    created_at: string;
  };
}
