import type { FieldError, Problem } from './types.js';

/** An HTTP error from the API, parsed from an RFC 9457 problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: FieldError[];

  constructor(status: number, problem: Problem) {
    const title = problem.title ?? defaultTitle(status);
    super(problem.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The server message best suited to show a person. */
  get userMessage(): string {
    return this.detail ?? this.title;
  }
}

function defaultTitle(status: number): string {
  if (status === 0) return 'Network error';
  if (status === 401) return 'Not signed in';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'Not found';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'Server error';
  return `Request failed (${status})`;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session; sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }

  if (!response.ok) throw new ApiError(response.status, await parseProblem(response));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A random key for `Idempotency-Key` (also outside secure contexts, where `crypto.randomUUID` is missing). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export interface UploadOptions {
  query?: Query;
  /** The request body as is (a file, or its text), with its content type. */
  body: Blob | string;
  contentType: string;
  /** Called while the body is sent, with the fraction sent (0–1), then once with 1 when it is all sent. */
  onUploadProgress?: (fraction: number) => void;
}

/**
 * POSTs a file body that is not JSON (e.g. `text/csv`), reporting upload progress; the answer is parsed
 * like `request`'s (JSON, or an `ApiError` from problem+json). Uses XHR because fetch has no upload progress.
 */
export function upload<T>(path: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', options.contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    const progress = options.onUploadProgress;
    if (progress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) progress(event.loaded / event.total);
      };
      xhr.upload.onload = () => progress(1);
    }
    xhr.onerror = () =>
      reject(
        new ApiError(0, { detail: 'The server could not be reached. Check your connection and try again.' }),
      );
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiError(xhr.status, parseProblemText(text)));
        return;
      }
      try {
        resolve((text ? JSON.parse(text) : undefined) as T);
      } catch {
        reject(new ApiError(xhr.status, { detail: 'The server sent an answer that is not JSON.' }));
      }
    };
    xhr.send(options.body);
  });
}

function parseProblemText(text: string): Problem {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return { detail: text.slice(0, 300) };
  }
}
