/**
 * The application context: the handful of shared things every service needs. Built once by
 * `createContext`, passed explicitly (no globals), so tests can build one per database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { AnyDb, Database, Dialect } from './db/database.js';
import type { EventBus } from './events/bus.js';
import type { JobRegistry } from './jobs/registry.js';

export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly db: AnyDb;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly jobs: JobRegistry;
}

/** What the current HTTP request carries into the transactions it opens. */
export interface OperationScope {
  /** Set when the request came with an Idempotency-Key: its row is marked committed in the same transaction. */
  idempotency?: { principal: string; key: string };
}

export const operationScope = new AsyncLocalStorage<OperationScope>();
