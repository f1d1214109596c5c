import type { Role } from './roles.js';

/** Who is doing something: a signed-in user, an API token, the system itself, or nobody yet. */
export interface Actor {
  readonly type: 'user' | 'token' | 'system' | 'anonymous';
  readonly id: string | null;
  /** A human label for the audit trail: an email, a token name, a job name. */
  readonly label: string | null;
  readonly roles: readonly Role[];
  /** The user who owns a token, or the user themself. */
  readonly userId: string | null;
  readonly requestId?: string | undefined;
  readonly ip?: string | undefined;
}

export function systemActor(label = 'system'): Actor {
  return { type: 'system', id: null, label, roles: [], userId: null };
}

export function anonymousActor(requestId?: string, ip?: string): Actor {
  return { type: 'anonymous', id: null, label: null, roles: [], userId: null, requestId, ip };
}
