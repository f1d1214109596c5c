/** RFC 9457 problem+json for every error the API returns. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

const TYPE_BASE = 'https://duely.dev/problems/';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  title: string,
  detail: string,
  errors: FieldError[] = [],
): FastifyReply {
  const body: Problem = {
    type: `${TYPE_BASE}${code}`,
    title,
    status,
    detail,
    instance: request.url,
    requestId: request.id,
    ...(errors.length > 0 ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/**
 * One way to name a faulty field everywhere: body fields by their own path (`email`, `roles.1`, as the
 * services name them too), other parts prefixed (`querystring.limit`, `params.id`, `headers.x`).
 */
function pathOf(instancePath: string, part: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (part === 'body' || part === undefined) return path || 'body';
  return `${part}${path ? `.${path}` : ''}`;
}

/** Fastify's own errors that are the client's fault, with a clear message for each. */
function clientError(
  error: FastifyError,
  bodyLimit: number,
): { status: number; code: string; title: string; detail: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'malformed-body',
        title: 'Malformed request body',
        detail: `The body is not valid JSON: ${error.message}`,
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'body-too-large',
        title: 'Request body too large',
        detail: `The body exceeds the limit of ${bodyLimit} bytes.`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported-media-type',
        title: 'Unsupported media type',
        detail: 'Send the body as application/json.',
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'malformed-body',
        title: 'Malformed request body',
        detail: 'Content-Length does not match the body.',
      };
    default:
      return null;
  }
}

export function installProblemHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return sendProblem(request, reply, error.status, error.code, error.title, error.message, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext;
      const errors = error.validation.map((v) => ({
        path: pathOf(v.instancePath, part),
        message: v.message ?? 'is invalid',
      }));
      const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return sendProblem(
        request,
        reply,
        400,
        'validation',
        'Invalid input',
        `The request ${part ?? 'input'} is invalid: ${summary}`,
        errors,
      );
    }
    const known = clientError(error, bodyLimit);
    if (known) return sendProblem(request, reply, known.status, known.code, known.title, known.detail);
    if (error.statusCode === 429) {
      return sendProblem(request, reply, 429, 'too-many-requests', 'Too many requests', error.message);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(request, reply, error.statusCode, 'bad-request', 'Bad request', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      500,
      'internal',
      'Internal error',
      `Something went wrong on our side; quote request id ${request.id} when reporting it.`,
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      404,
      'not-found',
      'Not found',
      `No route for ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
}
