import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { isApiError, setCsrfToken } from '../api/client.js';
import { authApi } from '../api/endpoints.js';
import type { Session } from '../api/types.js';

export const sessionKey = ['auth', 'session'] as const;

/** The current session, or `null` when nobody is signed in (the server answered 401). */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async (): Promise<Session | null> => {
    try {
      const session = await authApi.session();
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (isApiError(error, 401)) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

/** The signed-in session. Only call under the authenticated layout, which guarantees one exists. */
export function useSession(): Session {
  const { data } = useSuspenseQuery(sessionQuery);
  if (!data) throw new Error('useSession() called without a signed-in user');
  return data;
}

/** Helpers to record a new session (after sign-in) or forget it (after sign-out or a 401). */
export function useSessionActions() {
  const queryClient = useQueryClient();
  return {
    signedIn(session: Session) {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
    signedOut() {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  };
}
