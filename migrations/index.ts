/** The one ordered list of migrations. Append only; never edit or reorder a migration that has shipped. */
import type { Migration } from '../src/platform/db/migration.js';
import { platform } from './0001_platform.js';
import { users } from './0002_users.js';
import { customers } from './0003_customers.js';
import { numbering } from './0004_numbering.js';
import { invoicing } from './0005_invoicing.js';
import { payments } from './0006_payments.js';
import { agingIndexes } from './0007_aging_indexes.js';
import { catalog } from './0008_catalog.js';
import { orders } from './0009_orders.js';
import { shipments } from './0010_shipments.js';
import { tracking } from './0011_tracking.js';
import { worklist } from './0012_worklist.js';
import { followup } from './0013_followup.js';
import { creditDisputes } from './0014_credit_disputes.js';
import { delays } from './0015_delays.js';
import { promises } from './0016_promises.js';

export const migrations: readonly Migration[] = [
  platform,
  users,
  customers,
  numbering,
  invoicing,
  payments,
  agingIndexes,
  catalog,
  orders,
  shipments,
  tracking,
  worklist,
  followup,
  creditDisputes,
  delays,
  promises,
];
