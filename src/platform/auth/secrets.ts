import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Session and API-token secrets are high-entropy, so a plain SHA-256 is the right way to store them. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
