import { describe, expect, it } from 'vitest';
import { hasPrefix, newId } from './ids.js';

describe('newId', () => {
  it('is a type prefix and a lower-case ULID', () => {
    const id = newId('user');
    expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(hasPrefix(id, 'user')).toBe(true);
    expect(hasPrefix(id, 'session')).toBe(false);
    expect(hasPrefix('usr_short', 'user')).toBe(false);
    expect(newId('audit')).toMatch(/^aud_/);
    expect(newId('inv')).toMatch(/^inv_[0-9a-z]{26}$/); // a module's own prefix
  });

  it('sorts by creation, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId('job'));
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts by creation across milliseconds', async () => {
    const first = newId('event');
    await new Promise((r) => setTimeout(r, 5));
    const second = newId('event');
    expect(first < second).toBe(true);
    // The time part (first 10 characters of the ULID) moved forward.
    expect(first.slice(4, 14) < second.slice(4, 14)).toBe(true);
  });

  it('is unique', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('token'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
