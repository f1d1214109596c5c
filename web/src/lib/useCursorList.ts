import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../api/types.js';

const PAGE_SIZE = 50;

/** A cursor-paged list (`{items, nextCursor}`) loaded page by page with "Load more". */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (page: { limit: number; cursor: string | null }) => Promise<Page<T>>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
