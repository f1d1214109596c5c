/** Cursor pagination: opaque cursors that encode the sort key of the last item returned. */
import { z } from 'zod';
import { validationError } from '../errors.js';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeCursor<K extends string | number>(
  cursor: string | undefined,
  kind: 'string' | 'number',
): K | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === kind) return key as K;
  } catch {
    // falls through to the error below
  }
  throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
    { path: 'querystring.cursor', message: 'is not a cursor this endpoint returned' },
  ]);
}

/** Takes rows fetched with `limit + 1` and turns them into a page. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string | number,
  map: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
