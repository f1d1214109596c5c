/**
 * Domain events. A change writes its events to the outbox in its own transaction, together with one
 * delivery job per subscriber; the job runner then delivers each at least once. Subscribers must be
 * idempotent (they may see an event twice) and are registered at start-up, before anything is emitted.
 */
import type { AppContext } from '../context.js';

export interface DomainEvent<P = unknown> {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
}

export interface EventInput<P = unknown> {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
}

export type EventHandler = (event: DomainEvent, ctx: AppContext) => Promise<void>;

export interface Subscriber {
  /** Unique and stable: it names the delivery jobs, e.g. `followup.on-payment-applied`. */
  name: string;
  eventTypes: readonly string[];
  handle: EventHandler;
  maxAttempts?: number;
}

export const deliveryJobName = (subscriberName: string) => `event:${subscriberName}`;

export class EventBus {
  private readonly subscribers = new Map<string, Subscriber>();

  subscribe(subscriber: Subscriber): void {
    if (this.subscribers.has(subscriber.name))
      throw new Error(`Subscriber "${subscriber.name}" registered twice`);
    this.subscribers.set(subscriber.name, subscriber);
  }

  subscribersOf(type: string): Subscriber[] {
    return [...this.subscribers.values()].filter(
      (s) => s.eventTypes.includes(type) || s.eventTypes.includes('*'),
    );
  }

  all(): Subscriber[] {
    return [...this.subscribers.values()];
  }
}
