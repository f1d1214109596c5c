/** Document view models are checked with zod before rendering: a bad one names the field at fault. */
import type { z } from 'zod';
import type { FieldError } from '../errors.js';

export class InvalidDocumentViewError extends Error {
  constructor(
    what: string,
    readonly errors: FieldError[],
  ) {
    super(`Invalid ${what}: ${errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ')}`);
    this.name = 'InvalidDocumentViewError';
  }
}

export function parseView<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidDocumentViewError(
    what,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
