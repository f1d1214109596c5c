/** Pure rules of sign-in and sessions; no I/O, unit-tested. */

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** After a wrong password: the new failure count and, when the limit is reached, until when the account is locked. */
export function afterFailedSignIn(
  failures: number,
  now: Date,
  policy: LockoutPolicy,
): { failures: number; lockedUntil: string | null } {
  const next = failures + 1;
  if (next >= policy.maxFailures) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() };
  }
  return { failures: next, lockedUntil: null };
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString();
}

export interface SessionTimes {
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export function sessionIsLive(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  if (session.endedAt !== null) return false;
  const at = now.getTime();
  if (Date.parse(session.expiresAt) <= at) return false;
  return Date.parse(session.lastSeenAt) + idleMinutes * 60_000 > at;
}

/** Writing last_seen_at on every request would make every read a write; once a minute is enough for the idle timeout. */
export const shouldTouchSession = (lastSeenAt: string, now: Date): boolean =>
  now.getTime() - Date.parse(lastSeenAt) >= 60_000;

/** An administrator cannot remove the last active administrator (by disabling or by changing roles). */
export function wouldRemoveLastAdmin(
  activeAdminIds: readonly string[],
  userId: string,
  stillAdminAfter: boolean,
): boolean {
  return !stillAdminAfter && activeAdminIds.length === 1 && activeAdminIds[0] === userId;
}
