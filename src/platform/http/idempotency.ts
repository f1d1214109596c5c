/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a retry
 * with the same key and the same request gets that response replayed; the same key with a different
 * request is a 422. The key row is marked committed inside the handler's own transaction (see
 * transaction.ts), so a request whose change committed is never run twice — even if the process
 * died before its response was stored.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createSealer } from '../auth/sealing.js';
import type { AppContext } from '../context.js';
import { operationScope } from '../context.js';
import { AppError, conflict, validationError } from '../errors.js';

const HEADER = 'idempotency-key';
/** How long a started request keeps its key before a retry may take it over (the first one never committed). */
const LOCK_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

export function installIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', null);
  // Stored responses can carry one-time secrets (a generated password, a new API token): sealed at rest.
  const sealer = createSealer(ctx.config.SECRET, 'idempotency-responses');

  // A request with a key runs in its own operation scope, so its transactions can find the key.
  // (Only those: entering an AsyncLocalStorage scope costs every request that does.)
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'POST' && request.headers[HEADER] !== undefined) operationScope.run({}, done);
    else done();
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined || !request.principal) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw validationError('The Idempotency-Key header must be 1–255 visible ASCII characters.', [
        { path: 'headers.idempotency-key', message: 'is not a valid key' },
      ]);
    }
    const principal = request.principal.actor.id ?? 'anonymous';
    const hash = requestHash(request);
    const now = ctx.clock.now();
    const row = {
      principal,
      key,
      method: request.method,
      path: request.url,
      request_hash: hash,
      state: 'started',
      locked_until: new Date(now.getTime() + LOCK_MS).toISOString(),
      created_at: now.toISOString(),
    };
    const inserted = await ctx.db
      .insertInto('idempotency_keys')
      .values(row)
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const existing = await ctx.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('principal', '=', principal)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (existing.request_hash !== hash) {
        throw new AppError(
          422,
          'idempotency-key-reused',
          'Idempotency key reused',
          `Idempotency-Key "${key}" was already used for a different request (${existing.method} ${existing.path} with another body); use a new key for a new request.`,
        );
      }
      if (existing.state === 'completed') {
        reply.header('idempotent-replayed', 'true');
        return reply
          .code(existing.status_code as number)
          .type(Number(existing.status_code) >= 400 ? 'application/problem+json' : 'application/json')
          .serializer((payload: unknown) => payload as string)
          .send(sealer.open(existing.response_body as string));
      }
      const locked = (existing.locked_until as string) > now.toISOString();
      if (existing.state === 'committed' && !locked) {
        throw conflict(
          `The request with Idempotency-Key "${key}" was applied, but its response was lost; fetch the resource instead of retrying.`,
        );
      }
      if (locked)
        throw conflict(
          `A request with Idempotency-Key "${key}" is already being processed; retry in a moment.`,
        );
      // The earlier attempt died before committing anything: take the key over.
      const taken = await ctx.db
        .updateTable('idempotency_keys')
        .set({ locked_until: row.locked_until })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .where('state', '=', 'started')
        .where('locked_until', '=', existing.locked_until)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0)
        throw conflict(`A request with Idempotency-Key "${key}" is already being processed.`);
    }
    request.idempotency = { principal, key };
    const scope = operationScope.getStore();
    if (scope) scope.idempotency = request.idempotency;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem || reply.getHeader('idempotent-replayed')) return payload;
    const where = ctx.db
      .updateTable('idempotency_keys')
      .where('principal', '=', idem.principal)
      .where('key', '=', idem.key);
    if (reply.statusCode >= 500) {
      // Nothing committed: let a retry run again. A committed change keeps its key (and this response).
      await ctx.db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', idem.principal)
        .where('key', '=', idem.key)
        .where('state', '=', 'started')
        .execute();
    }
    await where
      .set({
        state: 'completed',
        status_code: reply.statusCode,
        response_body: sealer.seal(typeof payload === 'string' ? payload : ''),
      })
      .execute();
    return payload;
  });
}
