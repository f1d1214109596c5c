import { isApiError } from '../../api/client.js';

/**
 * Field messages of a policy save keyed by their full path (`name`, `steps.1.offsetDays`,
 * `steps.0.actions.0.templates.en.body`), so each nested field of the editor shows its own error.
 */
export function pathErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const { path, message } of error.errors) {
    const key = String(path).replace(/^body\./, '');
    if (!(key in result)) result[key] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return result;
}

/** Messages whose path no field of the editor shows (they go in the alert above the form). */
export function unplacedErrors(errors: Record<string, string>, shown: ReadonlySet<string>): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown.has(path))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
}
