/**
 * Builds the HTTP server: Fastify with zod in and out, problem+json errors, access control,
 * idempotency, OpenAPI, metrics, health, security headers and the web app's static files.
 * Modules add their routes through `routes`; the platform knows none of them.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type HTTPMethods,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Access } from './access.js';
import { installIdempotency } from './idempotency.js';
import { installHttpMetrics, type Metrics } from './metrics.js';
import { type Authenticator, installAccessControl } from './principal.js';
import { installProblemHandlers, sendProblem } from './problem.js';
import { installSecurityHeaders } from './security-headers.js';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

export type RoutePlugin = (app: App) => void | Promise<void>;

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its access rule, for the route × role test and the docs. */
    apiRoutes: ApiRoute[];
  }
}

export interface ServerOptions {
  authenticator: Authenticator;
  routes: RoutePlugin[];
  metrics: Metrics;
  version: string;
  /** Folder with the built web app (index.html); served at / when present. */
  webRoot?: string;
  logRequests?: boolean;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function createHttpServer(ctx: AppContext, options: ServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Health checks and scrapes would drown the log; the rest is logged with its request id.
    logController: new LogController({
      disableRequestLogging: (req) =>
        options.logRequests === false || req.url === '/healthz' || req.url === '/metrics',
    }),
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given)
        ? given
        : `req_${randomUUID().replaceAll('-', '')}`;
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (a malformed URL, a path parameter over the limit) are problems too.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      sendProblem(
        request,
        reply,
        status,
        'bad-request',
        status === 414 ? 'URI too long' : 'Bad request',
        error.message,
      );
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('apiRoutes', [] as ApiRoute[]);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) {
      if (access === undefined) {
        throw new Error(
          `Route ${methods.join(',')} ${route.url} declares no access rule (config.access); every API route must.`,
        );
      }
      for (const method of methods)
        if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  installProblemHandlers(app, ctx.config.BODY_LIMIT_BYTES);
  installSecurityHeaders(app, ctx.config.BASE_URL.startsWith('https:'));
  await app.register(cookie, { secret: ctx.config.SECRET });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests: at most ${context.max} per ${context.after}; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Duely API',
        version: options.version,
        description:
          'Payment and dispatch follow-up. Authenticate with a session cookie (browser) or `Authorization: Bearer <API token>`. Errors are RFC 9457 problem+json. POST accepts an `Idempotency-Key` header.',
      },
      servers: [{ url: ctx.config.BASE_URL }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token created under Settings → API tokens',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'duely_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installAccessControl(app, ctx, options.authenticator);
  installIdempotency(app, ctx);
  installHttpMetrics(app, options.metrics);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: ctx.dialect, version: options.version };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      return sendProblem(
        request,
        reply,
        503,
        'unhealthy',
        'Database unavailable',
        `The ${ctx.dialect} database does not answer: ${(error as Error).message}`,
      );
    }
  });

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.METRICS_TOKEN;
    if (token && request.headers.authorization !== `Bearer ${token}`) {
      return sendProblem(
        request,
        reply,
        401,
        'unauthenticated',
        'Not signed in',
        'Send the METRICS_TOKEN as "Authorization: Bearer <token>".',
      );
    }
    reply.type(options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: z.any() } } },
    async () => app.swagger(),
  );

  for (const routes of options.routes) await app.register(async (scoped) => routes(scoped as App));

  if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false, index: false });
    const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html');
    app.get('/', { schema: { hide: true } }, sendIndex);
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if (path.startsWith('/api/'))
        return sendProblem(
          request,
          reply,
          404,
          'not-found',
          'Not found',
          `No route for ${request.method} ${path}.`,
        );
      const file = path.slice(1);
      if (file && !file.includes('..') && existsSync(join(options.webRoot!, file))) {
        if (file.startsWith('assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(file);
      }
      return sendIndex(request, reply);
    });
  }

  return app;
}
