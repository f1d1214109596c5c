/** The one ordered list of migrations. Append only; never edit or reorder a migration that has shipped. */
import type { Migration } from '../src/platform/db/migration.js';
import { platform } from './0001_platform.js';
import { users } from './0002_users.js';

export const migrations: readonly Migration[] = [platform, users];
