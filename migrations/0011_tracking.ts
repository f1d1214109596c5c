import type { Migration } from '../src/platform/db/migration.js';

/**
 * Carrier tracking (shipping module, tracking part): the append-only tracking events of shipments,
 * each shipment's folded tracking state, events whose tracking number matched no shipment (kept for
 * review), and the customer updates already sent (one row per shipment and update key).
 *
 * Deduplication: `(carrier_id, event_id)` is unique in `tracking_events` and in `tracking_unmatched`.
 * Both tables are append-only and never purged, so a duplicate is recognised for as long as Duely
 * runs (well beyond the 72 hours carriers retry for).
 */
export const tracking: Migration = {
  name: '0011_tracking',
  async up(db) {
    await db.schema
      .createTable('tracking_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('carrier_id', 'text', (c) => c.notNull())
      // The carrier's event id, or one derived from the event's content (carrier-formats.ts).
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('shipment_id', 'text', (c) => c.notNull())
      .addColumn('tracking_number', 'text', (c) => c.notNull())
      // The carrier's event time (UTC ISO); the arrival time is received_at.
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('substatus', 'text')
      .addColumn('reason', 'text')
      .addColumn('location', 'text')
      .addColumn('eta', 'text')
      .addColumn('flagged', 'integer', (c) => c.notNull())
      .addColumn('raw_code', 'text', (c) => c.notNull())
      .addColumn('raw_text', 'text', (c) => c.notNull())
      // JSON of the event as the carrier sent it (a checkpoint, a tracking detail, a CSV line…).
      .addColumn('raw_payload', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      // 'webhook' | 'csv' | 'manual' | 'unmatched' (applied when an unmatched number was resolved)
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .execute();
    await db.schema
      .createIndex('tracking_events_key')
      .on('tracking_events')
      .columns(['carrier_id', 'event_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('tracking_events_shipment')
      .on('tracking_events')
      .columns(['shipment_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('shipment_tracking')
      .addColumn('shipment_id', 'text', (c) => c.primaryKey())
      .addColumn('carrier_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('substatus', 'text')
      .addColumn('reason', 'text')
      .addColumn('last_event_at', 'text')
      .addColumn('eta', 'text')
      .addColumn('delivered_at', 'text')
      // Events received with a carrier code Duely does not know (kept raw, to review).
      .addColumn('flagged', 'integer', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      // The reducer's bookkeeping (tracking-status.ts), JSON: winner, lastException, etaFrom.
      .addColumn('winner', 'text')
      .addColumn('last_exception', 'text')
      .addColumn('eta_from', 'text')
      // What the tracking did to the shipment's lifecycle: null, 'delivered', 'returned' or 'lost'.
      .addColumn('outcome', 'text')
      // 1 while the effects of new events (customer mails, lifecycle move, tracking.updated) are to apply.
      .addColumn('effects_pending', 'integer', (c) => c.notNull())
      // What the last tracking.updated said, to tell subscribers whether the status changed since.
      .addColumn('emitted_status', 'text')
      .addColumn('emitted_substatus', 'text')
      .addColumn('emitted_events', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('shipment_tracking_effects')
      .on('shipment_tracking')
      .columns(['effects_pending', 'shipment_id'])
      .execute();
    await db.schema
      .createIndex('shipment_tracking_status')
      .on('shipment_tracking')
      .columns(['status', 'shipment_id'])
      .execute();

    await db.schema
      .createTable('tracking_unmatched')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('carrier_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('tracking_number', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('substatus', 'text')
      .addColumn('reason', 'text')
      .addColumn('location', 'text')
      .addColumn('eta', 'text')
      .addColumn('flagged', 'integer', (c) => c.notNull())
      .addColumn('raw_code', 'text', (c) => c.notNull())
      .addColumn('raw_text', 'text', (c) => c.notNull())
      .addColumn('raw_payload', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      // 'open' | 'resolved' (linked to a shipment, events applied) | 'dismissed'
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('shipment_id', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('tracking_unmatched_key')
      .on('tracking_unmatched')
      .columns(['carrier_id', 'event_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('tracking_unmatched_number')
      .on('tracking_unmatched')
      .columns(['state', 'carrier_id', 'tracking_number'])
      .execute();

    await db.schema
      .createTable('tracking_notifications')
      .addColumn('shipment_id', 'text', (c) => c.notNull())
      // 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'attempt_fail:<substatus>', 'exception:<substatus>'
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('substatus', 'text')
      .addColumn('event_id', 'text')
      // 'pending' (to mail) | 'queued' (mail_id set) | 'superseded' | 'not_mailed' | 'no_recipient'
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('mail_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tracking_notifications_pk', ['shipment_id', 'key'])
      .execute();
  },
};
