import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client.js';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { ignoreUnauthorized?: boolean };
  }
}

/**
 * The app's query client. `onUnauthorized` runs when any request made while signed in gets a 401
 * (the session expired or was revoked), so the app can send the user back to the sign-in page.
 */
export function createQueryClient(onUnauthorized: () => void): QueryClient {
  const handle = (error: unknown) => {
    if (isApiError(error, 401)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (!mutation.meta?.ignoreUnauthorized) handle(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status > 0 && error.status < 500) && failureCount < 2,
      },
    },
  });
}
