import { isApiError } from '../api/client.js';

/**
 * Per-field messages from a problem+json `errors` array, keyed by the first path segment
 * (`email`, `/email`, `body.email` and `roles.0` all map to their field).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const { path, message } of error.errors) {
    const segments = String(path)
      .split(/[./[\]]+/)
      .filter((s) => s !== '' && s !== 'body' && s !== '#');
    const field = segments[0] ?? '';
    if (field && !(field in result)) result[field] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return result;
}

/** The message to show above a form: problem detail, minus what is already shown on known fields. */
export function formError(error: unknown, knownFields: readonly string[]): string | null {
  if (!error) return null;
  if (!isApiError(error)) return error instanceof Error ? error.message : 'Something went wrong.';
  const fields = fieldErrors(error);
  const unknown = Object.entries(fields).filter(([field]) => !knownFields.includes(field));
  if (Object.keys(fields).length > 0 && unknown.length === 0) {
    // A validation problem's detail only repeats the field messages; other problems (e.g. 409) add to them.
    const extraDetail = error.status !== 400 && error.detail ? `${error.detail.replace(/[.!]?$/, '.')} ` : '';
    return `${extraDetail}Please correct the highlighted fields.`;
  }
  const extra = unknown.map(([field, message]) => `${field}: ${message}`).join('; ');
  if (error.status === 403) return "You don't have permission to do this.";
  return extra ? `${error.userMessage} (${extra})` : error.userMessage;
}
