/**
 * Tracking webhook signatures — HMAC-SHA256 over the RAW request body (the exact bytes received, not
 * re-serialised JSON), compared in constant time. Pure: the clock is a parameter.
 *
 * - Duely: header `x-duely-signature: t=<unix seconds>,v1=<hex>`, the MAC of `${t}.${rawBody}`; the
 *   timestamp must be within the tolerance (default 300 s either way) so a captured request cannot be
 *   replayed later. Several `v1=` values are accepted (during a secret rotation the sender signs with
 *   both secrets).
 * - AfterShip: header `aftership-hmac-sha256`, the base64 MAC of the raw body.
 * - EasyPost: header `x-hmac-signature`, `hmac-sha256-hex=<hex>` MAC of the raw body.
 *
 * Verification returns `{ ok: true }` or `{ ok: false, reason }` — the reason is for the log, the
 * response is a plain 401 either way. `webhookSignatureError` turns a failure into that 401.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors.js';

export type SignatureScheme = 'duely' | 'aftership' | 'easypost';

export const SIGNATURE_HEADERS: Readonly<Record<SignatureScheme, string>> = {
  duely: 'x-duely-signature',
  aftership: 'aftership-hmac-sha256',
  easypost: 'x-hmac-signature',
};

export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): SignatureCheck => ({ ok: false, reason });

function hmac(secret: string, data: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Constant-time equality of two byte strings; different lengths are unequal (length is not secret). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

function bodyBytes(rawBody: string | Uint8Array): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
}

function headerValue(header: string | string[] | undefined | null): string | null {
  if (Array.isArray(header)) return header.length === 1 ? (header[0] ?? null) : null;
  return header ?? null;
}

// ——— Duely ———

/** The header value Duely sends (and tests use): `t=<unix>,v1=<hex>`. */
export function signDuelyWebhook(secret: string, rawBody: string | Uint8Array, unixSeconds: number): string {
  const mac = hmac(secret, Buffer.concat([Buffer.from(`${unixSeconds}.`, 'utf8'), bodyBytes(rawBody)]));
  return `t=${unixSeconds},v1=${mac.toString('hex')}`;
}

export function verifyDuelySignature(input: {
  secret: string;
  rawBody: string | Uint8Array;
  header: string | string[] | undefined | null;
  /** Current time in unix seconds. */
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const header = headerValue(input.header);
  if (!header) return fail(`missing ${SIGNATURE_HEADERS.duely} header`);
  let t: string | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't') t = v;
    else if (k === 'v1') v1.push(v);
  }
  if (t === null || !/^\d{1,12}$/.test(t)) return fail('signature header has no valid t=<unix seconds>');
  if (v1.length === 0) return fail('signature header has no v1= signature');
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const age = input.now - Number(t);
  if (Math.abs(age) > tolerance)
    return fail(
      age > 0
        ? `timestamp is ${age} s old, beyond the ${tolerance} s tolerance (possible replay)`
        : `timestamp is ${-age} s in the future, beyond the ${tolerance} s tolerance`,
    );
  const expected = hmac(
    input.secret,
    Buffer.concat([Buffer.from(`${t}.`, 'utf8'), bodyBytes(input.rawBody)]),
  );
  let matched = false;
  for (const candidate of v1) {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) continue;
    // Compare every candidate (no early exit) so timing does not tell which one matched.
    if (constantTimeEqual(Buffer.from(candidate.toLowerCase(), 'hex'), expected)) matched = true;
  }
  return matched ? { ok: true } : fail('signature does not match the body (wrong secret or altered body)');
}

// ——— AfterShip ———

export function signAftershipWebhook(secret: string, rawBody: string | Uint8Array): string {
  return hmac(secret, bodyBytes(rawBody)).toString('base64');
}

export function verifyAftershipSignature(input: {
  secret: string;
  rawBody: string | Uint8Array;
  header: string | string[] | undefined | null;
}): SignatureCheck {
  const header = headerValue(input.header)?.trim();
  if (!header) return fail(`missing ${SIGNATURE_HEADERS.aftership} header`);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(header)) return fail('signature is not a base64 SHA-256 HMAC');
  const expected = hmac(input.secret, bodyBytes(input.rawBody));
  return constantTimeEqual(Buffer.from(header, 'base64'), expected)
    ? { ok: true }
    : fail('signature does not match the body (wrong secret or altered body)');
}

// ——— EasyPost ———

export function signEasypostWebhook(secret: string, rawBody: string | Uint8Array): string {
  return `hmac-sha256-hex=${hmac(secret, bodyBytes(rawBody)).toString('hex')}`;
}

export function verifyEasypostSignature(input: {
  secret: string;
  rawBody: string | Uint8Array;
  header: string | string[] | undefined | null;
}): SignatureCheck {
  const header = headerValue(input.header)?.trim();
  if (!header) return fail(`missing ${SIGNATURE_HEADERS.easypost} header`);
  const m = /^hmac-sha256-hex=([0-9a-fA-F]{64})$/.exec(header);
  if (!m) return fail('signature is not of the form hmac-sha256-hex=<64 hex digits>');
  const expected = hmac(input.secret, bodyBytes(input.rawBody));
  return constantTimeEqual(Buffer.from(m[1]!.toLowerCase(), 'hex'), expected)
    ? { ok: true }
    : fail('signature does not match the body (wrong secret or altered body)');
}

/** Verify by scheme, reading the scheme's header from a header map (lower-case names, as Node gives). */
export function verifyWebhookSignature(input: {
  scheme: SignatureScheme;
  secret: string;
  rawBody: string | Uint8Array;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.secret) return fail('no webhook secret is configured for this carrier');
  const header = input.headers[SIGNATURE_HEADERS[input.scheme]];
  switch (input.scheme) {
    case 'duely':
      return verifyDuelySignature({ ...input, header });
    case 'aftership':
      return verifyAftershipSignature({ ...input, header });
    case 'easypost':
      return verifyEasypostSignature({ ...input, header });
  }
}

/** The 401 for a failed check; the reason goes to the log, not to the caller. */
export function webhookSignatureError(): AppError {
  return new AppError(401, 'bad-signature', 'Bad signature', 'The webhook signature could not be verified.');
}
