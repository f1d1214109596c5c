import { sql } from 'kysely';
import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the shipping module: the carrier registry, shipments with their lines and packages, the
 * tracking numbers they ship under and the documents archived for them.
 */
export const shipments: Migration = {
  name: '0010_shipments',
  async up(db) {
    await db.schema
      .createTable('carriers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scac', 'text')
      // Contains `{trackingNumber}`, e.g. https://track.example.com/?n={trackingNumber}.
      .addColumn('tracking_url_template', 'text')
      // 'duely' | 'aftership' | 'easypost': the payload format of the carrier's webhook.
      .addColumn('webhook_format', 'text', (c) => c.notNull())
      // AES-GCM sealed (platform/auth/sealing.ts); never stored in clear.
      .addColumn('webhook_secret_sealed', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('shipments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Allocated from the gapless SHP series at creation: SHP-YYYY-NNNNNN.
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // 'regular' (counts against the order's ordered quantities) | 'replacement' (a dispute reship).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('carrier_id', 'text', (c) => c.references('carriers.id'))
      .addColumn('service', 'text')
      .addColumn('pro_number', 'text')
      // 'prepaid' | 'collect' | 'third_party' (VICS bill of lading).
      .addColumn('freight_terms', 'text')
      // The shipment a replacement reships (null: none named or not a replacement).
      .addColumn('replacement_for', 'text')
      .addColumn('replacement_reason', 'text')
      .addColumn('dispute_id', 'text')
      // The invoice drafted from this shipment (at most one).
      .addColumn('invoice_id', 'text')
      // JSON of the delivery address, copied from the order when the shipment is created.
      .addColumn('ship_to', 'text', (c) => c.notNull())
      .addColumn('picked_at', 'text')
      .addColumn('packed_at', 'text')
      .addColumn('shipped_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('returned_at', 'text')
      .addColumn('lost_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('shipments_order').on('shipments').columns(['order_id', 'id']).execute();
    await db.schema
      .createIndex('shipments_customer')
      .on('shipments')
      .columns(['customer_id', 'id'])
      .execute();
    await db.schema.createIndex('shipments_status').on('shipments').columns(['status', 'id']).execute();
    await db.schema.createIndex('shipments_carrier').on('shipments').columns(['carrier_id', 'id']).execute();

    await db.schema
      .createTable('shipment_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('order_line_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addCheckConstraint('shipment_lines_quantity_positive', sql`quantity > 0`)
      .execute();
    await db.schema
      .createIndex('shipment_lines_shipment')
      .on('shipment_lines')
      .columns(['shipment_id', 'position'])
      .execute();
    await db.schema
      .createIndex('shipment_lines_order_line')
      .on('shipment_lines')
      .column('order_line_id')
      .execute();

    await db.schema
      .createTable('shipment_packages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('sscc', 'text', (c) => c.notNull().unique())
      // 'carton' | 'pallet' | 'envelope' … : the handling unit type on the bill of lading.
      .addColumn('packaging', 'text', (c) => c.notNull())
      .addColumn('weight_g', 'integer', (c) => c.notNull())
      .addColumn('length_mm', 'integer')
      .addColumn('width_mm', 'integer')
      .addColumn('height_mm', 'integer')
      // JSON: [{ shipmentLineId, quantity }].
      .addColumn('contents', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('shipment_packages_sequence', ['shipment_id', 'sequence'])
      .execute();

    await db.schema
      .createTable('shipment_tracking_numbers')
      .addColumn('carrier_id', 'text', (c) => c.notNull().references('carriers.id'))
      .addColumn('tracking_number', 'text', (c) => c.notNull())
      .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
      // Order as given when shipping: package N's label carries number N when there is one per package.
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('shipment_tracking_numbers_pk', ['carrier_id', 'tracking_number'])
      .execute();
    await db.schema
      .createIndex('shipment_tracking_numbers_shipment')
      .on('shipment_tracking_numbers')
      .column('shipment_id')
      .execute();

    await db.schema
      .createTable('shipment_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
      // 'pick_list' | 'packing_list' | 'label_pdf' | 'label_zpl' | 'bill_of_lading'.
      .addColumn('kind', 'text', (c) => c.notNull())
      // The package a label is for (null for documents of the whole shipment).
      .addColumn('package_id', 'text')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('shipment_documents_shipment')
      .on('shipment_documents')
      .columns(['shipment_id', 'kind'])
      .execute();
  },
};
