import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of dispatch delays (shipping module, `src/modules/shipping/delays`): the computed delay state
 * of each order and shipment with its reasons, the proactive customer notices sent (one per entity,
 * state and expected date), and the settings of the rules.
 */
export const delays: Migration = {
  name: '0015_delays',
  async up(db) {
    await db.schema
      .createTable('delay_states')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('customer_id', 'text')
      .addColumn('number', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      // JSON array of human reasons, worst first.
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('expected_date', 'text')
      // The promised ship date (order) or requested delivery date (shipment) the state was measured against.
      .addColumn('due_date', 'text')
      // 1 while the order/shipment is still open (not shipped/delivered/closed): the daily run re-reads these.
      .addColumn('open', 'integer', (c) => c.notNull())
      .addColumn('evaluated_at', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('delay_states_pk', ['entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('delay_states_state')
      .on('delay_states')
      .columns(['state', 'entity_type', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('delay_states_open')
      .on('delay_states')
      .columns(['open', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('delay_states_customer')
      .on('delay_states')
      .columns(['customer_id', 'entity_id'])
      .execute();

    await db.schema
      .createTable('delay_notices')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      // '' when no expected date is known.
      .addColumn('expected_date', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('delay_notices_pk', ['entity_type', 'entity_id', 'state', 'expected_date'])
      .execute();

    await db.schema
      .createTable('delay_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('at_risk_days', 'integer', (c) => c.notNull())
      .addColumn('stalled_days', 'integer', (c) => c.notNull())
      .addColumn('notify_customers', 'integer', (c) => c.notNull())
      // JSON array of the states that send a proactive email, e.g. ["late"].
      .addColumn('notify_states', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
