/**
 * A carrier's tracking webhook: `POST /api/webhooks/tracking/:carrierCode`, authenticated by the HMAC
 * signature of the carrier's webhook format (signatures.ts) over the raw body, then normalised
 * (carrier-formats.ts) and ingested (ingest.ts) in one transaction.
 *
 * A bad signature is a 401 problem; the reason is logged (warn) and audited as
 * `tracking.webhook_rejected`, and NOTHING of the request is stored. An unknown or inactive carrier is
 * a 404. A malformed payload is a 400 naming the fields. Unknown tracking numbers are stored as
 * unmatched; unknown carrier codes are kept raw and flagged.
 */
import { systemActor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { transaction } from '../../../platform/db/transaction.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { normaliseTrackingPayload, type TrackingFormat } from '../carrier-formats.js';
import { findCarrierRowByCode, webhookSecretOf } from '../carriers.js';
import { verifyWebhookSignature, webhookSignatureError } from '../signatures.js';
import { type IngestResult, ingestTrackingEvents } from './ingest.js';

export interface WebhookRequest {
  carrierCode: string;
  rawBody: Buffer;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  ip: string;
  requestId: string;
}

const unknownCarrier = (code: string) =>
  new AppError(404, 'not-found', 'Not found', `No active carrier with code "${code}".`);

export async function receiveTrackingWebhook(
  ctx: AppContext,
  request: WebhookRequest,
): Promise<IngestResult> {
  const carrier = await findCarrierRowByCode(ctx.db, request.carrierCode);
  if (!carrier || Number(carrier.active) !== 1) throw unknownCarrier(request.carrierCode);
  const format = carrier.webhook_format as TrackingFormat;
  const check = verifyWebhookSignature({
    scheme: format,
    secret: webhookSecretOf(ctx, carrier) ?? '',
    rawBody: request.rawBody,
    headers: request.headers,
    now: Math.floor(ctx.clock.now().getTime() / 1000),
  });
  if (!check.ok) {
    ctx.logger.warn(
      { carrier: carrier.code, reason: check.reason, ip: request.ip, requestId: request.requestId },
      'tracking webhook rejected: bad signature',
    );
    try {
      await transaction(
        ctx,
        { ...systemActor(`webhook:${carrier.code}`), ip: request.ip, requestId: request.requestId },
        async (tx) => {
          tx.audit({
            action: 'tracking.webhook_rejected',
            entityType: 'carrier',
            entityId: carrier.id,
            after: { reason: check.reason, ip: request.ip, bytes: request.rawBody.length },
          });
        },
      );
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not audit a rejected tracking webhook');
    }
    throw webhookSignatureError();
  }

  let body: unknown;
  try {
    body = JSON.parse(request.rawBody.toString('utf8'));
  } catch (error) {
    throw validationError(`The body is not valid JSON: ${(error as Error).message}`, [
      { path: '(body)', message: 'is not JSON' },
    ]);
  }
  const events = normaliseTrackingPayload(format, body);
  if (format === 'duely') {
    const wrong = events.flatMap((e, i) =>
      e.carrier.toLowerCase() === carrier.code
        ? []
        : [
            {
              path: `events.${i}.carrier`,
              message: `must be "${carrier.code}" (the carrier of this webhook URL)`,
            },
          ],
    );
    if (wrong.length > 0)
      throw validationError(`Events for another carrier were posted to ${carrier.code}'s webhook.`, wrong);
  }
  return transaction(
    ctx,
    { ...systemActor(`webhook:${carrier.code}`), ip: request.ip, requestId: request.requestId },
    (tx) =>
      ingestTrackingEvents(tx, { carrierId: carrier.id, source: 'webhook', events, effects: 'deferred' }),
  );
}
