import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/database.js';
import { EventBus } from './events/bus.js';
import { JobRegistry } from './jobs/registry.js';

export function createContext(input: {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
}): AppContext {
  return {
    config: input.config,
    database: input.database,
    db: input.database.db,
    dialect: input.database.dialect,
    clock: input.clock ?? systemClock,
    logger: input.logger,
    events: new EventBus(),
    jobs: new JobRegistry(),
  };
}
