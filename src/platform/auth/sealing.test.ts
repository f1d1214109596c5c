import { describe, expect, it } from 'vitest';
import { createSealer } from './sealing.js';

describe('sealing', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';

  it('round-trips and never stores the plain text', () => {
    const sealer = createSealer(secret, 'test');
    const sealed = sealer.seal('{"initialPassword":"abc-def"}');
    expect(sealed).not.toContain('abc-def');
    expect(sealer.open(sealed)).toBe('{"initialPassword":"abc-def"}');
    expect(sealer.seal('same')).not.toBe(sealer.seal('same'));
  });

  it('refuses a tampered value, another purpose or another secret', () => {
    const sealed = createSealer(secret, 'test').seal('hello');
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => createSealer(secret, 'test').open(flipped)).toThrow();
    expect(() => createSealer(secret, 'other').open(sealed)).toThrow();
    expect(() => createSealer(`${secret}!`, 'test').open(sealed)).toThrow();
  });
});
