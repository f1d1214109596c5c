import { isApiError } from '../../api/client.js';

/**
 * Server messages by their full body path (`billingAddress.country`, `paymentTerms.parts.1.days`,
 * `contacts.0.email`), first message per path; the companion of `fieldErrors`, which keys by field only.
 */
export function pathErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const { path, message } of error.errors) {
    const key = String(path)
      .split(/[./[\]]+/)
      .filter((s) => s !== '' && s !== 'body' && s !== '#')
      .join('.');
    if (key && !(key in result)) result[key] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  return result;
}

/** The message at `path` exactly, else the first one below it (e.g. a whole-object error). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const below = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return below ? errors[below] : undefined;
}
