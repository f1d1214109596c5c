import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  signAftershipWebhook,
  signDuelyWebhook,
  signEasypostWebhook,
  verifyAftershipSignature,
  verifyDuelySignature,
  verifyEasypostSignature,
  verifyWebhookSignature,
  webhookSignatureError,
} from './signatures.js';

// RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
const RFC_KEY = 'Jefe';
const RFC_DATA = 'what do ya want for nothing?';
const RFC_HEX = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

const body = '{"events":[{"trackingNumber":"ACME1","status":"delivered"}]}';
const secret = 'whsec_test_2f9c';
const now = 1_772_500_000;

describe('EasyPost signatures', () => {
  it('match the RFC 4231 vector', () => {
    expect(signEasypostWebhook(RFC_KEY, RFC_DATA)).toBe(`hmac-sha256-hex=${RFC_HEX}`);
    expect(
      verifyEasypostSignature({ secret: RFC_KEY, rawBody: RFC_DATA, header: `hmac-sha256-hex=${RFC_HEX}` }),
    ).toEqual({
      ok: true,
    });
    expect(
      verifyEasypostSignature({
        secret: RFC_KEY,
        rawBody: RFC_DATA,
        header: `hmac-sha256-hex=${RFC_HEX.toUpperCase()}`,
      }).ok,
    ).toBe(true);
  });

  it('fail with clear reasons', () => {
    expect(verifyEasypostSignature({ secret, rawBody: body, header: undefined })).toEqual({
      ok: false,
      reason: 'missing x-hmac-signature header',
    });
    expect(verifyEasypostSignature({ secret, rawBody: body, header: RFC_HEX })).toMatchObject({
      reason: expect.stringMatching(/hmac-sha256-hex=/),
    });
    expect(
      verifyEasypostSignature({ secret, rawBody: body, header: signEasypostWebhook('other', body) }),
    ).toMatchObject({
      reason: expect.stringMatching(/does not match/),
    });
  });
});

describe('AfterShip signatures', () => {
  it('are the base64 HMAC of the raw body', () => {
    const b64 = Buffer.from(RFC_HEX, 'hex').toString('base64');
    expect(signAftershipWebhook(RFC_KEY, RFC_DATA)).toBe(b64);
    expect(
      verifyAftershipSignature({ secret: RFC_KEY, rawBody: Buffer.from(RFC_DATA), header: b64 }).ok,
    ).toBe(true);
  });

  it('reject an altered body, a malformed header, an array of headers', () => {
    const sig = signAftershipWebhook(secret, body);
    expect(verifyAftershipSignature({ secret, rawBody: `${body} `, header: sig }).ok).toBe(false);
    expect(verifyAftershipSignature({ secret, rawBody: body, header: 'not-base64!' })).toMatchObject({
      reason: 'signature is not a base64 SHA-256 HMAC',
    });
    expect(verifyAftershipSignature({ secret, rawBody: body, header: [sig, sig] }).ok).toBe(false);
    expect(verifyAftershipSignature({ secret, rawBody: body, header: [sig] }).ok).toBe(true);
  });
});

describe('Duely signatures', () => {
  it('sign t.body and verify within the tolerance', () => {
    const header = signDuelyWebhook(secret, body, now);
    expect(header).toMatch(/^t=1772500000,v1=[0-9a-f]{64}$/);
    expect(verifyDuelySignature({ secret, rawBody: body, header, now: now + 299 }).ok).toBe(true);
    expect(verifyDuelySignature({ secret, rawBody: body, header, now: now - 299 }).ok).toBe(true);
  });

  it('refuse replays and clock skew beyond the tolerance', () => {
    const header = signDuelyWebhook(secret, body, now);
    expect(verifyDuelySignature({ secret, rawBody: body, header, now: now + 301 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/301 s old.*replay/),
    });
    expect(verifyDuelySignature({ secret, rawBody: body, header, now: now - 400 })).toMatchObject({
      reason: expect.stringMatching(/in the future/),
    });
    expect(
      verifyDuelySignature({ secret, rawBody: body, header, now: now + 1000, toleranceSeconds: 3600 }).ok,
    ).toBe(true);
  });

  it('bind the timestamp: moving t invalidates the signature', () => {
    const v1 = signDuelyWebhook(secret, body, now).split('v1=')[1];
    expect(verifyDuelySignature({ secret, rawBody: body, header: `t=${now + 5},v1=${v1}`, now }).ok).toBe(
      false,
    );
  });

  it('accept any of several v1 signatures (secret rotation) and explain malformed headers', () => {
    const good = signDuelyWebhook(secret, body, now).split('v1=')[1];
    const old = signDuelyWebhook('old-secret', body, now).split('v1=')[1];
    expect(
      verifyDuelySignature({ secret, rawBody: body, header: `t=${now},v1=${old},v1=${good}`, now }).ok,
    ).toBe(true);
    expect(verifyDuelySignature({ secret, rawBody: body, header: null, now })).toMatchObject({
      reason: 'missing x-duely-signature header',
    });
    expect(verifyDuelySignature({ secret, rawBody: body, header: `v1=${good}`, now })).toMatchObject({
      reason: expect.stringMatching(/no valid t=/),
    });
    expect(verifyDuelySignature({ secret, rawBody: body, header: `t=${now}`, now })).toMatchObject({
      reason: expect.stringMatching(/no v1=/),
    });
    expect(verifyDuelySignature({ secret, rawBody: body, header: `t=${now},v1=zz`, now }).ok).toBe(false);
  });

  it('detect any change to the body (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (text, extra) => {
        const header = signDuelyWebhook(secret, text, now);
        expect(verifyDuelySignature({ secret, rawBody: text, header, now }).ok).toBe(true);
        expect(verifyDuelySignature({ secret, rawBody: text + extra, header, now }).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dispatch by scheme', () => {
  it('reads the right header and refuses when no secret is configured', () => {
    const headers = {
      'x-duely-signature': signDuelyWebhook(secret, body, now),
      'aftership-hmac-sha256': signAftershipWebhook(secret, body),
      'x-hmac-signature': signEasypostWebhook(secret, body),
    };
    for (const scheme of ['duely', 'aftership', 'easypost'] as const) {
      expect(verifyWebhookSignature({ scheme, secret, rawBody: body, headers, now }).ok).toBe(true);
      expect(verifyWebhookSignature({ scheme, secret: 'wrong', rawBody: body, headers, now }).ok).toBe(false);
    }
    expect(
      verifyWebhookSignature({ scheme: 'easypost', secret: '', rawBody: body, headers, now }),
    ).toMatchObject({
      reason: 'no webhook secret is configured for this carrier',
    });
    expect(webhookSignatureError().status).toBe(401);
    expect(constantTimeEqual(Buffer.from('ab'), Buffer.from('abc'))).toBe(false);
  });
});
