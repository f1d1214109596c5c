/**
 * Customer updates: each at most once per (shipment, key), recorded in `tracking_notifications` in the
 * same transaction as the tracking change that produced it, and mailed through the mail outbox.
 *
 * Keys: `shipped` (when the shipment becomes shipped — the shipments part's `shipment.status_changed`
 * event), and the reducer's keys (`in_transit`, `out_for_delivery`, `delivered`,
 * `attempt_fail:<substatus>`, `exception:<substatus>`). Every key is recorded; a mail is queued for
 * `shipped`, `out_for_delivery`, `delivered`, attempts and exceptions — not for `in_transit` (the
 * shipped mail said it), not for a superseded (late) event, not for a flagged unknown code (the
 * reducer gives it no key). The outcome column says which: queued, not_mailed, superseded, no_recipient.
 *
 * Recipients: the customer's billing contact(s) (customers module `billingContact`), in the customer's
 * language (French for `fr*`, English otherwise).
 */
import type { AnyDb } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { billingContact, type Customer, findCustomerIn } from '../../customers/index.js';
import { readCompanySettings } from '../../invoicing/index.js';
import type { NormalisedTrackingEvent } from '../carrier-formats.js';
import { type CarrierRow, findCarrierRow } from '../carriers.js';
import type { CustomerUpdate, TrackingState } from '../tracking-status.js';
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
 * Records one reducer update of a shipment and mails it when it should be; true when a mail was queued.
 * Called under the shipment's tracking lock with keys not recorded yet.
 */
export async function notifyCustomer(
  tx: Tx,
  mail: MailContext,
  input: { shipmentId: string; update: CustomerUpdate; event: NormalisedTrackingEvent; state: TrackingState },
): Promise<boolean> {
  const { shipmentId, update, event, state } = input;
  const kind = updateKindOfKey(update.key);
  const claimed = await store.claimNotification(tx.db, {
    shipment_id: shipmentId,
    key: update.key,
    status: update.status,
    substatus: update.substatus,
    event_id: update.eventId,
    outcome: update.superseded ? 'superseded' : kind === null ? 'not_mailed' : 'queued',
    mail_id: null,
    created_at: tx.now,
  });
  if (!claimed || update.superseded || kind === null) return false;
  const shipment = await cached(mail, `shipment:${shipmentId}`, () => shipmentBrief(tx.db, shipmentId));
  const mailId = shipment
    ? await queueUpdateMail(tx, mail, shipment, kind, {
        eta: state.eta,
        reason: event.reason ?? event.rawText ?? null,
        occurredAt: event.occurredAt,
      })
    : null;
  await store.setNotificationMail(tx.db, shipmentId, update.key, mailId, mailId ? 'queued' : 'no_recipient');
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
    outcome: 'queued',
    mail_id: null,
    created_at: tx.now,
  });
  if (!claimed) return false;
  const mail: MailContext = { cache: new Map() };
  const shipment = await shipmentBrief(tx.db, shipmentId);
  const states = shipment ? await store.statesOf(tx.db, [shipmentId]) : [];
  const mailId = shipment
    ? await queueUpdateMail(tx, mail, shipment, 'shipped', {
        eta: states[0]?.eta ?? null,
        reason: null,
        occurredAt: null,
      })
    : null;
  await store.setNotificationMail(tx.db, shipmentId, 'shipped', mailId, mailId ? 'queued' : 'no_recipient');
  return mailId !== null;
}
