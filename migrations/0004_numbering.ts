import type { Migration } from '../src/platform/db/migration.js';

/**
 * Gapless document number series (platform/numbering): one row per series and year holding the next
 * value to hand out. The issuing transaction increments its row, so the row lock orders concurrent
 * issuers and a rollback gives the number back.
 */
export const numbering: Migration = {
  name: '0004_numbering',
  async up(db) {
    await db.schema
      .createTable('number_series')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('next_value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('number_series_pk', ['series', 'year'])
      .execute();
  },
};
