/**
 * CSV import of tracking events, with a preview. Every line is checked first; apply then ingests all
 * lines in one transaction (through the same ingestion function as the webhook), or none when any line
 * is invalid (a 400 listing each line's errors — the same list the preview shows).
 *
 * Columns (header line required, any order, names case-insensitive):
 *   carrier (code, required), tracking_number (required), occurred_at (required: ISO 8601 with offset or
 *   Z), status (required: one of the 9 statuses; another value is kept raw and flagged as
 *   exception/unknown), substatus, reason, location, eta (YYYY-MM-DD or instant), raw_code (default:
 *   status), raw_text, event_id (default: derived from the line's content, so re-importing a file
 *   never applies a line twice).
 */
import { parse } from 'csv-parse/sync';
import type { Actor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { unescapeFormula } from '../../../platform/csv.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { type Tx, transaction } from '../../../platform/db/transaction.js';
import { AppError, type FieldError, validationError } from '../../../platform/errors.js';
import { type NormalisedTrackingEvent, normaliseDuelyPayload } from '../carrier-formats.js';
import { type CarrierRow, findCarrierRowByCode } from '../carriers.js';
import { ingestTrackingEvents } from './ingest.js';
import { shipmentsByTrackingNumbers } from './shipments-port.js';
import * as store from './store.js';

export const TRACKING_CSV_COLUMNS = [
  'carrier',
  'tracking_number',
  'occurred_at',
  'status',
  'substatus',
  'reason',
  'location',
  'eta',
  'raw_code',
  'raw_text',
  'event_id',
] as const;
type Column = (typeof TRACKING_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['carrier', 'tracking_number', 'occurred_at', 'status'];
export const MAX_CSV_LINES = 50_000;

export const TRACKING_CSV_NOTE =
  `Header line required; columns (any order): ${TRACKING_CSV_COLUMNS.join(', ')}. Required: ${REQUIRED.join(', ')}. ` +
  'occurred_at is the carrier time in ISO 8601 with an offset or Z; status one of pending, info_received, ' +
  'in_transit, out_for_delivery, attempt_fail, available_for_pickup, delivered, exception, expired (any other ' +
  'value is kept raw and flagged as exception/unknown); raw_code defaults to status; event_id defaults to an id ' +
  'derived from the line, so importing the same file twice applies nothing the second time.';

const FIELD_COLUMN: Record<string, Column> = {
  eventId: 'event_id',
  trackingNumber: 'tracking_number',
  carrier: 'carrier',
  occurredAt: 'occurred_at',
  status: 'status',
  substatus: 'substatus',
  reason: 'reason',
  location: 'location',
  eta: 'eta',
  rawCode: 'raw_code',
  rawText: 'raw_text',
};

export interface LineError {
  line: number;
  field: string | null;
  message: string;
}

export interface TrackingLineResult {
  line: number;
  carrier: string | null;
  trackingNumber: string | null;
  eventId: string | null;
  occurredAt: string | null;
  status: string | null;
  substatus: string | null;
  flagged: boolean;
  shipmentId: string | null;
  action: 'apply' | 'duplicate' | 'unmatched' | 'invalid';
  errors: { field: string | null; message: string }[];
}

export interface TrackingImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; apply: number; duplicate: number; unmatched: number; invalid: number };
  lines: TrackingLineResult[];
  errors: LineError[];
}

interface Planned {
  result: TrackingLineResult;
  event?: NormalisedTrackingEvent;
  carrier?: CarrierRow;
}

function parseFile(text: string): {
  lines: { line: number; cells: Map<Column, string> }[];
  errors: LineError[];
} {
  const errors: LineError[] = [];
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { lines: [], errors: [{ line: lines ?? 1, field: null, message }] };
  }
  const startLine = (r: (typeof records)[number]) =>
    r.info.lines - (r.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
  const meaningful = records.filter((r) => r.record.some((c) => c.trim() !== ''));
  const [headerRecord, ...body] = meaningful;
  if (!headerRecord) return { lines: [], errors: [{ line: 1, field: null, message: 'the file is empty' }] };
  const headerLine = startLine(headerRecord);
  const names = headerRecord.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const header = new Set<Column>();
  for (const name of names) {
    if (!(TRACKING_CSV_COLUMNS as readonly string[]).includes(name))
      errors.push({
        line: headerLine,
        field: name,
        message: `is not a known column (known: ${TRACKING_CSV_COLUMNS.join(', ')})`,
      });
    else if (header.has(name as Column))
      errors.push({ line: headerLine, field: name, message: 'appears twice in the header' });
    else header.add(name as Column);
  }
  for (const column of REQUIRED)
    if (!header.has(column))
      errors.push({ line: headerLine, field: column, message: 'is a required column' });
  if (body.length > MAX_CSV_LINES)
    errors.push({
      line: headerLine,
      field: null,
      message: `has ${body.length} lines; at most ${MAX_CSV_LINES} per file`,
    });
  if (errors.length > 0) return { lines: [], errors };
  const lines: { line: number; cells: Map<Column, string> }[] = [];
  for (const record of body) {
    const line = startLine(record);
    if (record.record.length !== names.length) {
      errors.push({
        line,
        field: null,
        message: `has ${record.record.length} cells; the header has ${names.length}`,
      });
      continue;
    }
    const cells = new Map<Column, string>();
    for (const [i, name] of names.entries())
      cells.set(name as Column, unescapeFormula(record.record[i]!.trim()));
    lines.push({ line, cells });
  }
  return { lines, errors };
}

async function plan(db: AnyDb, text: string): Promise<{ planned: Planned[]; fileErrors: LineError[] }> {
  const { lines, errors: fileErrors } = parseFile(text);
  const carriers = new Map<string, CarrierRow | null>();
  const planned: Planned[] = [];
  for (const { line, cells } of lines) {
    const get = (c: Column) => {
      const v = cells.get(c);
      return v === undefined || v === '' ? undefined : v;
    };
    const result: TrackingLineResult = {
      line,
      carrier: get('carrier') ?? null,
      trackingNumber: get('tracking_number') ?? null,
      eventId: null,
      occurredAt: null,
      status: get('status') ?? null,
      substatus: get('substatus') ?? null,
      flagged: false,
      shipmentId: null,
      action: 'invalid',
      errors: [],
    };
    let carrier: CarrierRow | undefined;
    const code = get('carrier')?.toLowerCase();
    if (code === undefined) result.errors.push({ field: 'carrier', message: 'is required' });
    else {
      if (!carriers.has(code)) carriers.set(code, (await findCarrierRowByCode(db, code)) ?? null);
      const row = carriers.get(code);
      if (!row) result.errors.push({ field: 'carrier', message: `"${code}" is not a known carrier code` });
      else if (Number(row.active) !== 1)
        result.errors.push({ field: 'carrier', message: `carrier ${code} is inactive` });
      else carrier = row;
    }
    let event: NormalisedTrackingEvent | undefined;
    try {
      const raw = Object.fromEntries([...cells].filter(([, v]) => v !== ''));
      [event] = normaliseDuelyPayload({
        events: [
          {
            eventId: get('event_id'),
            trackingNumber: get('tracking_number') ?? '',
            carrier: code ?? '',
            occurredAt: get('occurred_at') ?? '',
            status: get('status') ?? '',
            substatus: get('substatus') ?? null,
            reason: get('reason') ?? null,
            location: get('location') ?? null,
            eta: get('eta') ?? null,
            rawCode: get('raw_code') ?? get('status') ?? '',
            rawText: get('raw_text') ?? '',
          },
        ],
      });
      if (event) event = { ...event, raw: { line, ...raw } };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const e of error.errors) {
        const field = FIELD_COLUMN[e.path.split('.')[2] ?? ''] ?? null;
        if (field === 'carrier' && result.errors.some((x) => x.field === 'carrier')) continue;
        result.errors.push({ field, message: e.message });
      }
    }
    if (result.errors.length === 0 && event && carrier) {
      result.eventId = event.eventId;
      result.occurredAt = event.occurredAt;
      result.status = event.status;
      result.substatus = event.substatus;
      result.flagged = event.flagged;
      result.action = 'apply';
      planned.push({ result, event, carrier });
    } else planned.push({ result });
  }

  // Matching and duplicates, per carrier.
  const byCarrier = new Map<string, Planned[]>();
  for (const p of planned)
    if (p.carrier) {
      let list = byCarrier.get(p.carrier.id);
      if (!list) {
        list = [];
        byCarrier.set(p.carrier.id, list);
      }
      list.push(p);
    }
  for (const [carrierId, list] of byCarrier) {
    const known = await store.knownEventIds(
      db,
      carrierId,
      list.map((p) => p.event!.eventId),
    );
    const shipments = await shipmentsByTrackingNumbers(db, carrierId, [
      ...new Set(list.map((p) => p.event!.trackingNumber)),
    ]);
    const inFile = new Set<string>();
    for (const p of list) {
      const e = p.event!;
      p.result.shipmentId = shipments.get(e.trackingNumber) ?? null;
      if (known.has(e.eventId) || inFile.has(e.eventId)) p.result.action = 'duplicate';
      else p.result.action = p.result.shipmentId ? 'apply' : 'unmatched';
      inFile.add(e.eventId);
    }
  }
  return { planned, fileErrors };
}

function summarise(
  mode: 'preview' | 'apply',
  planned: Planned[],
  fileErrors: LineError[],
): TrackingImportResult {
  const lines = planned.map((p) => p.result);
  const errors = [...fileErrors, ...lines.flatMap((l) => l.errors.map((e) => ({ line: l.line, ...e })))].sort(
    (a, b) => a.line - b.line,
  );
  const count = (a: TrackingLineResult['action']) => lines.filter((l) => l.action === a).length;
  return {
    mode,
    valid: errors.length === 0,
    counts: {
      lines: lines.length,
      apply: count('apply'),
      duplicate: count('duplicate'),
      unmatched: count('unmatched'),
      invalid: count('invalid'),
    },
    lines,
    errors,
  };
}

function rejectFile(errors: LineError[]) {
  const lines = new Set(errors.map((e) => e.line)).size;
  return validationError(
    `The file has ${errors.length} error(s) on ${lines} line(s); nothing was imported. Fix them and import again (preview shows the same list).`,
    errors.map((e): FieldError & LineError => ({
      path: e.field ? `line ${e.line}, column ${e.field}` : `line ${e.line}`,
      line: e.line,
      field: e.field,
      message: e.message,
    })),
  );
}

export async function previewTrackingImport(ctx: AppContext, text: string): Promise<TrackingImportResult> {
  const { planned, fileErrors } = await plan(ctx.db, text);
  return summarise('preview', planned, fileErrors);
}

export async function applyTrackingImport(
  ctx: AppContext,
  actor: Actor,
  text: string,
): Promise<TrackingImportResult> {
  return transaction(ctx, actor, async (tx: Tx) => {
    const { planned, fileErrors } = await plan(tx.db, text);
    const summary = summarise('apply', planned, fileErrors);
    if (!summary.valid) throw rejectFile(summary.errors);
    const byCarrier = new Map<string, NormalisedTrackingEvent[]>();
    for (const p of planned) {
      let list = byCarrier.get(p.carrier!.id);
      if (!list) {
        list = [];
        byCarrier.set(p.carrier!.id, list);
      }
      list.push(p.event!);
    }
    const totals = { applied: 0, duplicates: 0, unmatched: 0, flagged: 0 };
    for (const [carrierId, events] of byCarrier) {
      const r = await ingestTrackingEvents(tx, { carrierId, source: 'csv', events });
      totals.applied += r.applied;
      totals.duplicates += r.duplicates;
      totals.unmatched += r.unmatched;
      totals.flagged += r.flagged;
    }
    tx.audit({
      action: 'tracking.csv_imported',
      entityType: 'tracking_import',
      entityId: null,
      after: { lines: summary.counts.lines, ...totals },
    });
    return summary;
  });
}
