/**
 * Delivers outbox events to subscribers. Emitting an event (tx.emit) writes the outbox row and one
 * `event:<subscriber>` job per subscriber in the emitting transaction; here each such job loads the row
 * and calls the subscriber. The job runner retries failures, so delivery is at least once: subscribers
 * must be idempotent.
 */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db/database.js';
import { type DomainEvent, deliveryJobName } from './bus.js';

const payloadSchema = z.object({ eventId: z.string().min(1) });

/** Registers one delivery job per subscriber; call after all subscribers are registered. */
export function registerEventDelivery(ctx: AppContext): void {
  for (const subscriber of ctx.events.all()) {
    ctx.jobs.register({
      name: deliveryJobName(subscriber.name),
      maxAttempts: subscriber.maxAttempts,
      handler: async ({ ctx: jobCtx, job }) => {
        const { eventId } = payloadSchema.parse(job.payload);
        const event = await loadEvent(jobCtx.db, eventId);
        if (!event) {
          // Only possible if the outbox row was deleted by hand; retrying cannot bring it back.
          jobCtx.logger.warn({ eventId, subscriber: subscriber.name }, 'event to deliver no longer exists');
          return;
        }
        await subscriber.handle(event, jobCtx);
      },
    });
  }
}

export async function loadEvent(db: AnyDb, id: string): Promise<DomainEvent | undefined> {
  const row = await db.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: JSON.parse(row.payload),
    occurredAt: row.occurred_at,
    actorType: row.actor_type,
    actorId: row.actor_id ?? null,
  };
}
