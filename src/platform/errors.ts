/**
 * Domain errors. Each maps to an RFC 9457 problem: a stable type, a title, a status and a
 * human detail, plus per-field errors where the fault is in the input.
 */
export interface FieldError {
  /** Where the fault is: a JSON path like `roles.1`, or `line 12, column email` for files. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const validationError = (detail: string, errors: FieldError[] = []) =>
  new AppError(400, 'validation', 'Invalid input', detail, errors);

export const unauthenticated = (detail = 'Sign in or send a valid API token.') =>
  new AppError(401, 'unauthenticated', 'Not signed in', detail);

export const forbidden = (detail: string) => new AppError(403, 'forbidden', 'Permission denied', detail);

export const notFound = (entity: string, id: string) =>
  new AppError(404, 'not-found', 'Not found', `No ${entity} with id "${id}".`);

export const conflict = (detail: string, errors: FieldError[] = []) =>
  new AppError(409, 'conflict', 'Conflict', detail, errors);

export const unprocessable = (code: string, detail: string) =>
  new AppError(422, code, 'Request cannot be processed', detail);

export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError(429, 'too-many-requests', 'Too many requests', detail, [], {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/** A mistake in how Duely was started (configuration, database URL, schema version). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
