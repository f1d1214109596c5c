import { describe, expect, it } from 'vitest';
import {
  afterFailedSignIn,
  isLocked,
  sessionIsLive,
  shouldTouchSession,
  wouldRemoveLastAdmin,
} from './rules.js';

const policy = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2026-12-04T09:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('sign-in lockout', () => {
  it('counts failures, then locks for lockMinutes at the Nth and resets the count', () => {
    let state = afterFailedSignIn(0, t0, policy);
    expect(state).toEqual({ failures: 1, lockedUntil: null });
    state = afterFailedSignIn(state.failures, t0, policy);
    expect(state).toEqual({ failures: 2, lockedUntil: null });
    state = afterFailedSignIn(state.failures, t0, policy);
    expect(state).toEqual({ failures: 0, lockedUntil: '2026-12-04T09:15:00.000Z' });
  });

  it('locks at once when one failure is allowed', () => {
    expect(afterFailedSignIn(0, t0, { maxFailures: 1, lockMinutes: 1 }).lockedUntil).toBe(
      '2026-12-04T09:01:00.000Z',
    );
  });

  it('is locked until the lock expires, not after', () => {
    const { lockedUntil } = afterFailedSignIn(2, t0, policy);
    expect(isLocked(lockedUntil, t0)).toBe(true);
    expect(isLocked(lockedUntil, new Date(at(15).getTime() - 1))).toBe(true);
    expect(isLocked(lockedUntil, at(15))).toBe(false);
    expect(isLocked(lockedUntil, at(60))).toBe(false);
    expect(isLocked(null, t0)).toBe(false);
  });
});

describe('sessions', () => {
  const session = { lastSeenAt: t0.toISOString(), expiresAt: at(12 * 60).toISOString(), endedAt: null };

  it('ends after the idle timeout', () => {
    expect(sessionIsLive(session, at(59), 60)).toBe(true);
    expect(sessionIsLive(session, at(60), 60)).toBe(false);
    expect(sessionIsLive({ ...session, lastSeenAt: at(50).toISOString() }, at(100), 60)).toBe(true);
  });

  it('ends at the absolute timeout even when active', () => {
    const recent = { ...session, lastSeenAt: at(12 * 60 - 1).toISOString() };
    expect(sessionIsLive(recent, new Date(at(12 * 60).getTime() - 1), 60)).toBe(true);
    expect(sessionIsLive(recent, at(12 * 60), 60)).toBe(false);
  });

  it('is dead once ended (sign-out, disable, password change)', () => {
    expect(sessionIsLive({ ...session, endedAt: t0.toISOString() }, at(1), 60)).toBe(false);
  });

  it('touches last-seen at most once a minute', () => {
    expect(shouldTouchSession(t0.toISOString(), t0)).toBe(false);
    expect(shouldTouchSession(t0.toISOString(), new Date(t0.getTime() + 59_999))).toBe(false);
    expect(shouldTouchSession(t0.toISOString(), at(1))).toBe(true);
    expect(shouldTouchSession(t0.toISOString(), at(30))).toBe(true);
  });
});

describe('last administrator', () => {
  it('refuses to remove the only active administrator', () => {
    expect(wouldRemoveLastAdmin(['usr_a'], 'usr_a', false)).toBe(true);
  });

  it('allows it when another administrator remains, the user stays admin, or is not the admin', () => {
    expect(wouldRemoveLastAdmin(['usr_a', 'usr_b'], 'usr_a', false)).toBe(false);
    expect(wouldRemoveLastAdmin(['usr_a'], 'usr_a', true)).toBe(false);
    expect(wouldRemoveLastAdmin(['usr_a'], 'usr_x', false)).toBe(false);
  });
});
