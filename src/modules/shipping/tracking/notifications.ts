/**
 * Customer updates: each at most once per (shipment, key). The ingestion records the reducer's keys in
 * `tracking_notifications` (`pending` when they are to be mailed); the effects (effects.ts) mail a pending
 * one and settle it in the same transaction through the mail outbox.
 *
 * Keys: `shipped` (when the shipment becomes shipped — the shipments part's `shipment.status_changed`
 * event, claimed and mailed here), and the reducer's keys (`in_transit`, `out_for_delivery`, `delivered`,
 * `attempt_fail:<substatus>`, `exception:<substatus>`). Every key is recorded; a mail is queued for
 * `shipped`, `out_for_delivery`, `delivered`, attempts and exceptions — not for `in_transit` (the
 * shipped mail said it), not for a superseded (late) event, not for a flagged unknown code (the
 * reducer gives it no key). The outcome column says which: pending, queued, not_mailed, superseded,
 * no_recipient.
 *
 * Recipients: the customer's billing contact(s) (customers module `billingContact`), in the customer's
 * language (French for `fr*`, English otherwise).
 */
import type { AnyDb } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { billingContact, type Customer, findCustomerIn } from '../../customers/index.js';
import { readCompanySettings } from '../../invoicing/index.js';
import { type CarrierRow, findCarrierRow } from '../carriers.js';
import {
  mailLanguageOf,
  trackingMail,
  trackingUrl,
  type UpdateKind,
  updateKindOfKey,
} from './mail-templates.js';
import { type ShipmentBrief, shipmentBrief } from './shipments-port.js';
import * as store from './store.js';

/** Lookups shared by the mails of one transaction. */
export interface MailContext {
  cache: Map<string, unknown>;
}

async function cached<T>(mail: MailContext, key: string, load: () => Promise<T>): Promise<T> {
  if (mail.cache.has(key)) return mail.cache.get(key) as T;
  const value = await load();
  mail.cache.set(key, value);
  return value;
}

const companyNameOf = (db: AnyDb, mail: MailContext) =>
  cached(mail, 'company', async () => {
    const s = await readCompanySettings(db);
    return s.tradingName ?? s.legalName;
  });

async function queueUpdateMail(
  tx: Tx,
  mail: MailContext,
  shipment: ShipmentBrief,
  kind: UpdateKind,
  details: { eta: string | null; reason: string | null; occurredAt: string | null },
): Promise<string | null> {
  const customer = await cached<Customer | undefined>(mail, `customer:${shipment.customerId}`, () =>
    findCustomerIn(tx.db, shipment.customerId),
  );
  if (!customer) return null;
  const to = billingContact(customer)
    .map((c) => c.email)
    .filter((e): e is string => Boolean(e));
  if (to.length === 0) return null;
  const carrier = shipment.carrierId
    ? await cached<CarrierRow | undefined>(mail, `carrier:${shipment.carrierId}`, () =>
        findCarrierRow(tx.db, shipment.carrierId!),
      )
    : undefined;
  const { subject, text } = trackingMail(mailLanguageOf(customer.language), {
    kind,
    shipmentNumber: shipment.number,
    customerName: customer.legalName,
    companyName: await companyNameOf(tx.db, mail),
    carrierName: carrier?.name ?? null,
    trackingNumbers: shipment.trackingNumbers.map((number) => ({
      number,
      url: trackingUrl(carrier?.tracking_url_template, number),
    })),
    ...details,
  });
  return queueMail(tx, { to, subject, text, related: { type: 'shipment', id: shipment.id } });
}

/**
 * Mails one pending customer update (recorded by the ingestion as `pending`) and settles it — queued
 * with the mail's id, or `no_recipient` — with a guarded UPDATE, so the mail is queued at most once
 * even if two runs race. True when a mail was queued.
 */
export async function mailPendingUpdate(
  tx: Tx,
  mail: MailContext,
  input: {
    notification: store.NotificationRow;
    shipment: ShipmentBrief | undefined;
    event: store.EventRow | undefined;
    eta: string | null;
  },
): Promise<boolean> {
  const { notification, shipment, event } = input;
  const kind = updateKindOfKey(notification.key);
  const mailId =
    shipment && kind
      ? await queueUpdateMail(tx, mail, shipment, kind, {
          eta: input.eta,
          reason: event ? (event.reason ?? (event.raw_text || null)) : null,
          occurredAt: event?.occurred_at ?? null,
        })
      : null;
  const settled = await store.settleNotification(
    tx.db,
    notification.shipment_id,
    notification.key,
    mailId,
    mailId ? 'queued' : 'no_recipient',
  );
  // Lost the race (another run settled it): roll back this transaction's mail.
  if (!settled && mailId)
    throw new Error(`customer update ${notification.shipment_id}/${notification.key} was settled twice`);
  return mailId !== null;
}

/**
 * The "shipped" mail (tracking numbers and links), once per shipment whatever how often the
 * `shipment.status_changed` event is delivered; true when a mail was queued.
 */
export async function notifyShipped(tx: Tx, shipmentId: string): Promise<boolean> {
  const claimed = await store.claimNotification(tx.db, {
    shipment_id: shipmentId,
    key: 'shipped',
    status: 'shipped',
    substatus: null,
    event_id: null,
    outcome: 'pending',
    mail_id: null,
    created_at: tx.now,
  });
  if (!claimed) return false;
  const shipment = await shipmentBrief(tx.db, shipmentId);
  const states = shipment ? await store.statesOf(tx.db, [shipmentId]) : [];
  return mailPendingUpdate(
    tx,
    { cache: new Map() },
    {
      notification: {
        shipment_id: shipmentId,
        key: 'shipped',
        status: 'shipped',
        substatus: null,
        event_id: null,
        outcome: 'pending',
        mail_id: null,
        created_at: tx.now,
      },
      shipment,
      event: undefined,
      eta: states[0]?.eta ?? null,
    },
  );
}
