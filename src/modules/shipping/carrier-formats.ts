/**
 * Tracking webhook payloads → normalised tracking events (DESIGN.md §4 status set), one zod schema
 * per format, using only fields the formats are publicly documented to carry. Pure: no I/O.
 *
 * Formats:
 * - `duely` — Duely's own generic JSON, for carriers and integrations without a format of their own:
 *
 *   ```json
 *   { "events": [ {
 *       "eventId": "ups-1Z999-0001",          // optional; derived when missing (see below)
 *       "trackingNumber": "1Z999AA10123456784",
 *       "carrier": "ups",                      // Duely's carrier code
 *       "occurredAt": "2026-03-02T09:15:00+01:00", // the CARRIER's event time, with offset or Z
 *       "status": "in_transit",                // one of the 9 Duely statuses
 *       "substatus": "arrived_at_facility",    // optional, free snake_case
 *       "reason": "…",                          // optional
 *       "location": "Lyon, FR",                // optional
 *       "eta": "2026-03-04",                   // optional: the carrier's estimate as of this event
 *       "rawCode": "AR", "rawText": "Arrived at facility" // the carrier's own code and text, verbatim
 *   } ] }
 *   ```
 *   1–1000 events per request; an unknown `status` is accepted and flagged (see below).
 * - `aftership` — AfterShip's tracking webhook: `{ event, event_id, msg: { tracking_number, slug,
 *   tag, subtag, subtag_message, expected_delivery, checkpoints: [{ checkpoint_time, tag, subtag,
 *   subtag_message, message, location, city, state, country_iso3, raw_tag }] }, ts }`. Each
 *   checkpoint becomes an event (AfterShip resends the whole list each time; ids dedupe it); with no
 *   checkpoints, the tracking's own tag at `updated_at` is the event. Tags (`InTransit`…) map to the
 *   snake_case set; the subtag (`InTransit_003`) lower-cased is the substatus, its message the reason.
 * - `easypost` — EasyPost's tracker event: `{ id, description: 'tracker.updated' | 'tracker.created',
 *   result: { tracking_code, carrier, status, status_detail, est_delivery_date, updated_at,
 *   tracking_details: [{ datetime, status, status_detail, message, description, carrier_code,
 *   tracking_location: { city, state, country, zip } }] } }`. Statuses map as in EASYPOST_STATUS.
 *
 * Rules common to all:
 * - An unknown carrier status is kept: status `exception`, substatus `unknown`, `flagged: true`, the
 *   raw code and text verbatim, so nothing is lost and a person reviews it (it notifies no customer).
 * - Event times are normalised to UTC ISO; a time without offset (carriers sometimes send local time
 *   without zone) is read as UTC. The original text stays in `raw`.
 * - The carrier's ETA applies to the latest event of the payload (it is the estimate "as of now").
 * - Event ids: the carrier's when it gives one per event; otherwise `h_` + the first 32 hex digits of
 *   SHA-256 over `format | carrier | tracking number | UTC event time | raw code | raw text`, which is
 *   stable across re-deliveries of the same checkpoint.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type FieldError, validationError } from '../../platform/errors.js';
import { isTrackingStatus, type TrackingEventInput, type TrackingStatus } from './tracking-status.js';

export const TRACKING_FORMATS = ['duely', 'aftership', 'easypost'] as const;
export type TrackingFormat = (typeof TRACKING_FORMATS)[number];

export interface NormalisedTrackingEvent extends TrackingEventInput {
  format: TrackingFormat;
  trackingNumber: string;
  carrier: string;
  substatus: string | null;
  reason: string | null;
  location: string | null;
  eta: string | null;
  rawCode: string;
  rawText: string;
  flagged: boolean;
  /** The event as received (a checkpoint, a tracking detail, a generic event), verbatim. */
  raw: unknown;
}

// ——— shared helpers ———

const nonEmpty = z.string().trim().min(1);
const optionalText = z.string().nullish();

/** UTC ISO of a carrier time; naive times (no zone) are read as UTC. Null when unreadable. */
export function carrierTimeToUtc(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) return null;
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone.toUpperCase()}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const carrierTime = z.string().transform((s, ctx) => {
  const utc = carrierTimeToUtc(s);
  if (utc === null) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an ISO 8601 date and time` });
    return z.NEVER;
  }
  return utc;
});

export function derivedEventId(parts: {
  format: TrackingFormat;
  carrier: string;
  trackingNumber: string;
  occurredAt: string;
  rawCode: string;
  rawText: string;
}): string {
  const text = [
    parts.format,
    parts.carrier,
    parts.trackingNumber,
    parts.occurredAt,
    parts.rawCode,
    parts.rawText,
  ].join('\u001f');
  return `h_${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}`;
}

interface Mapped {
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  flagged: boolean;
}

const UNKNOWN = (reason: string | null): Mapped => ({
  status: 'exception',
  substatus: 'unknown',
  reason,
  flagged: true,
});

function joinLocation(...parts: (string | null | undefined)[]): string | null {
  const text = parts
    .map((p) => p?.trim())
    .filter((p) => p)
    .join(', ');
  return text === '' ? null : text;
}

/** Attach the payload-level ETA to its latest event. */
function withEtaOnLatest(events: NormalisedTrackingEvent[], eta: string | null): NormalisedTrackingEvent[] {
  if (!eta || events.length === 0) return events;
  let latest = 0;
  events.forEach((e, i) => {
    if (Date.parse(e.occurredAt) >= Date.parse(events[latest]!.occurredAt)) latest = i;
  });
  return events.map((e, i) => (i === latest && !e.eta ? { ...e, eta } : e));
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  throw validationError(`The ${what} payload is not valid.`, errors);
}

// ——— Duely generic ———

export const duelyEventSchema = z.object({
  eventId: nonEmpty.max(200).optional(),
  trackingNumber: nonEmpty.max(100),
  carrier: nonEmpty.max(100),
  occurredAt: z
    .string()
    .refine((s) => /(Z|[+-]\d{2}:\d{2})$/i.test(s.trim()), {
      message: 'must be an ISO 8601 date and time with a zone offset or Z',
    })
    .pipe(carrierTime),
  status: nonEmpty.max(100),
  substatus: optionalText,
  reason: optionalText,
  location: optionalText,
  eta: optionalText,
  rawCode: z.string().max(200),
  rawText: z.string().max(2000),
});
export const duelyPayloadSchema = z.object({ events: z.array(duelyEventSchema).min(1).max(1000) });
export type DuelyTrackingPayload = z.input<typeof duelyPayloadSchema>;

export function normaliseDuelyPayload(body: unknown): NormalisedTrackingEvent[] {
  const payload = parseOrThrow(duelyPayloadSchema, body, 'Duely tracking');
  const raws = (body as { events: unknown[] }).events;
  return payload.events.map((e, i) => {
    const mapped: Mapped = isTrackingStatus(e.status)
      ? { status: e.status, substatus: e.substatus ?? null, reason: e.reason ?? null, flagged: false }
      : UNKNOWN(e.reason ?? null);
    return {
      format: 'duely',
      eventId:
        e.eventId ??
        derivedEventId({
          format: 'duely',
          carrier: e.carrier,
          trackingNumber: e.trackingNumber,
          occurredAt: e.occurredAt,
          rawCode: e.rawCode,
          rawText: e.rawText,
        }),
      trackingNumber: e.trackingNumber,
      carrier: e.carrier,
      occurredAt: e.occurredAt,
      ...mapped,
      location: e.location ?? null,
      eta: e.eta ?? null,
      rawCode: e.rawCode,
      rawText: e.rawText,
      raw: raws[i],
    };
  });
}

// ——— AfterShip ———

/** AfterShip tags (its public status set) → Duely statuses. */
export const AFTERSHIP_TAG: Readonly<Record<string, TrackingStatus>> = {
  Pending: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  AttemptFail: 'attempt_fail',
  AvailableForPickup: 'available_for_pickup',
  Delivered: 'delivered',
  Exception: 'exception',
  Expired: 'expired',
};

const aftershipCheckpoint = z.looseObject({
  checkpoint_time: z.string(),
  tag: z.string(),
  subtag: optionalText,
  subtag_message: optionalText,
  message: optionalText,
  location: optionalText,
  city: optionalText,
  state: optionalText,
  country_iso3: optionalText,
  raw_tag: optionalText,
});

export const aftershipPayloadSchema = z.looseObject({
  event: z.string().optional(),
  event_id: z.string().optional(),
  msg: z.looseObject({
    tracking_number: nonEmpty,
    slug: nonEmpty,
    tag: z.string(),
    subtag: optionalText,
    subtag_message: optionalText,
    expected_delivery: optionalText,
    updated_at: optionalText,
    checkpoints: z.array(aftershipCheckpoint).default([]),
  }),
});
export type AftershipWebhook = z.input<typeof aftershipPayloadSchema>;

function mapAftership(
  tag: string,
  subtag: string | null | undefined,
  message: string | null | undefined,
): Mapped {
  const status = AFTERSHIP_TAG[tag];
  if (!status) return UNKNOWN(message ?? null);
  return { status, substatus: subtag ? subtag.toLowerCase() : null, reason: message ?? null, flagged: false };
}

export function normaliseAftershipPayload(body: unknown): NormalisedTrackingEvent[] {
  const { msg } = parseOrThrow(aftershipPayloadSchema, body, 'AfterShip');
  const base = { format: 'aftership' as const, trackingNumber: msg.tracking_number, carrier: msg.slug };
  const events: NormalisedTrackingEvent[] = [];
  msg.checkpoints.forEach((cp, i) => {
    const occurredAt = carrierTimeToUtc(cp.checkpoint_time);
    if (occurredAt === null)
      throw validationError('The AfterShip payload is not valid.', [
        {
          path: `msg.checkpoints.${i}.checkpoint_time`,
          message: `"${cp.checkpoint_time}" is not a date and time`,
        },
      ]);
    const rawCode = cp.raw_tag ?? (cp.subtag || cp.tag);
    const rawText = cp.message ?? '';
    events.push({
      ...base,
      eventId: derivedEventId({ ...base, occurredAt, rawCode, rawText }),
      occurredAt,
      ...mapAftership(cp.tag, cp.subtag, cp.subtag_message),
      location: cp.location?.trim() || joinLocation(cp.city, cp.state, cp.country_iso3),
      eta: null,
      rawCode,
      rawText,
      raw: cp,
    });
  });
  if (events.length === 0) {
    const occurredAt = msg.updated_at ? carrierTimeToUtc(msg.updated_at) : null;
    if (occurredAt === null)
      throw validationError('The AfterShip payload is not valid.', [
        { path: 'msg.updated_at', message: 'a tracking without checkpoints needs updated_at' },
      ]);
    const rawCode = msg.subtag || msg.tag;
    const rawText = msg.subtag_message ?? '';
    events.push({
      ...base,
      eventId: derivedEventId({ ...base, occurredAt, rawCode, rawText }),
      occurredAt,
      ...mapAftership(msg.tag, msg.subtag, msg.subtag_message),
      location: null,
      eta: null,
      rawCode,
      rawText,
      raw: {
        tag: msg.tag,
        subtag: msg.subtag,
        subtag_message: msg.subtag_message,
        updated_at: msg.updated_at,
      },
    });
  }
  return withEtaOnLatest(events, msg.expected_delivery ?? null);
}

// ——— EasyPost ———

/** EasyPost tracker statuses → Duely status; for the exception-like ones, the substatus too. */
export const EASYPOST_STATUS: Readonly<Record<string, { status: TrackingStatus; substatus?: string }>> = {
  unknown: { status: 'pending' },
  pre_transit: { status: 'info_received' },
  in_transit: { status: 'in_transit' },
  out_for_delivery: { status: 'out_for_delivery' },
  available_for_pickup: { status: 'available_for_pickup' },
  delivered: { status: 'delivered' },
  return_to_sender: { status: 'exception', substatus: 'return_to_sender' },
  failure: { status: 'exception', substatus: 'failure' },
  cancelled: { status: 'exception', substatus: 'cancelled' },
  error: { status: 'exception', substatus: 'error' },
};

const easypostDetail = z.looseObject({
  datetime: z.string(),
  status: z.string(),
  status_detail: optionalText,
  message: optionalText,
  description: optionalText,
  carrier_code: optionalText,
  tracking_location: z
    .looseObject({ city: optionalText, state: optionalText, country: optionalText, zip: optionalText })
    .nullish(),
});

export const easypostPayloadSchema = z.looseObject({
  id: z.string().optional(),
  description: z.string().refine((d) => d.startsWith('tracker.'), { message: 'must be a tracker.* event' }),
  result: z.looseObject({
    tracking_code: nonEmpty,
    carrier: nonEmpty,
    status: z.string(),
    status_detail: optionalText,
    est_delivery_date: optionalText,
    updated_at: optionalText,
    tracking_details: z.array(easypostDetail).default([]),
  }),
});
export type EasypostWebhook = z.input<typeof easypostPayloadSchema>;

function mapEasypost(
  status: string,
  detail: string | null | undefined,
  message: string | null | undefined,
): Mapped {
  const known = EASYPOST_STATUS[status];
  const usefulDetail = detail && detail !== 'unknown' ? detail : null;
  if (!known) return UNKNOWN(message ?? null);
  if (known.substatus)
    return {
      status: known.status,
      substatus: known.substatus,
      reason: usefulDetail ?? message ?? null,
      flagged: false,
    };
  return { status: known.status, substatus: usefulDetail, reason: message ?? null, flagged: false };
}

export function normaliseEasypostPayload(body: unknown): NormalisedTrackingEvent[] {
  const { result } = parseOrThrow(easypostPayloadSchema, body, 'EasyPost');
  const base = { format: 'easypost' as const, trackingNumber: result.tracking_code, carrier: result.carrier };
  const events: NormalisedTrackingEvent[] = [];
  result.tracking_details.forEach((d, i) => {
    const occurredAt = carrierTimeToUtc(d.datetime);
    if (occurredAt === null)
      throw validationError('The EasyPost payload is not valid.', [
        { path: `result.tracking_details.${i}.datetime`, message: `"${d.datetime}" is not a date and time` },
      ]);
    const rawCode = d.carrier_code || d.status_detail || d.status;
    const rawText = d.message ?? d.description ?? '';
    const loc = d.tracking_location;
    events.push({
      ...base,
      eventId: derivedEventId({ ...base, occurredAt, rawCode, rawText }),
      occurredAt,
      ...mapEasypost(d.status, d.status_detail, d.message),
      location: joinLocation(loc?.city, loc?.state, loc?.zip, loc?.country),
      eta: null,
      rawCode,
      rawText,
      raw: d,
    });
  });
  if (events.length === 0) {
    const occurredAt = result.updated_at ? carrierTimeToUtc(result.updated_at) : null;
    if (occurredAt === null)
      throw validationError('The EasyPost payload is not valid.', [
        { path: 'result.updated_at', message: 'a tracker without tracking details needs updated_at' },
      ]);
    const rawCode = result.status_detail || result.status;
    events.push({
      ...base,
      eventId: derivedEventId({ ...base, occurredAt, rawCode, rawText: '' }),
      occurredAt,
      ...mapEasypost(result.status, result.status_detail, null),
      location: null,
      eta: null,
      rawCode,
      rawText: '',
      raw: { status: result.status, status_detail: result.status_detail, updated_at: result.updated_at },
    });
  }
  return withEtaOnLatest(events, result.est_delivery_date ?? null);
}

/** Normalise a webhook body of the given format; a 400 `validation` AppError when it is malformed. */
export function normaliseTrackingPayload(format: TrackingFormat, body: unknown): NormalisedTrackingEvent[] {
  switch (format) {
    case 'duely':
      return normaliseDuelyPayload(body);
    case 'aftership':
      return normaliseAftershipPayload(body);
    case 'easypost':
      return normaliseEasypostPayload(body);
  }
}
