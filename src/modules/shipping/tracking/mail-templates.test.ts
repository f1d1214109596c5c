import { describe, expect, it } from 'vitest';
import {
  mailLanguageOf,
  trackingMail,
  trackingUrl,
  UPDATE_KINDS,
  updateKindOfKey,
} from './mail-templates.js';

const base = {
  shipmentNumber: 'SHP-2026-000042',
  customerName: 'Acme SARL',
  companyName: 'Duely Demo',
  carrierName: 'UPS',
  trackingNumbers: [{ number: '1Z999AA10123456784', url: 'https://track.example/1Z999AA10123456784' }],
  eta: '2026-12-08',
  reason: 'Recipient not at home',
  occurredAt: '2026-12-07T10:15:00.000Z',
};

describe('tracking mail templates', () => {
  it('builds the tracking link from the carrier template', () => {
    expect(trackingUrl('https://t.example/?n={trackingNumber}', 'A B/1')).toBe(
      'https://t.example/?n=A%20B%2F1',
    );
    expect(trackingUrl(null, 'X')).toBeNull();
    expect(trackingUrl('https://t.example/', 'X')).toBeNull();
  });

  it('has an English and a French text for every kind', () => {
    for (const kind of UPDATE_KINDS) {
      const en = trackingMail('en', { ...base, kind });
      const fr = trackingMail('fr', { ...base, kind });
      expect(en.subject).toContain('SHP-2026-000042');
      expect(fr.subject).toContain('SHP-2026-000042');
      expect(en.text).toMatch(/^Hello Acme SARL,/);
      expect(fr.text).toMatch(/^Bonjour Acme SARL,/);
      expect(en.text).toContain('Duely Demo');
      expect(en.subject).not.toBe(fr.subject);
    }
  });

  it('gives the tracking number and link when shipped, the reason for problems', () => {
    const shipped = trackingMail('en', { ...base, kind: 'shipped' });
    expect(shipped.text).toContain(
      'Tracking number: 1Z999AA10123456784 — https://track.example/1Z999AA10123456784',
    );
    expect(shipped.text).toContain('Expected delivery: 2026-12-08');
    expect(trackingMail('fr', { ...base, kind: 'shipped' }).text).toContain(
      'Numéro de suivi : 1Z999AA10123456784',
    );
    expect(trackingMail('en', { ...base, kind: 'attempt_fail' }).text).toContain(
      'Reason: Recipient not at home',
    );
    expect(trackingMail('fr', { ...base, kind: 'exception' }).text).toContain(
      'Détail : Recipient not at home',
    );
    expect(trackingMail('en', { ...base, kind: 'delivered' }).text).toContain('delivered on 2026-12-07');
  });

  it('picks French for fr and its regional forms, English otherwise', () => {
    expect(mailLanguageOf('fr')).toBe('fr');
    expect(mailLanguageOf('fr-BE')).toBe('fr');
    expect(mailLanguageOf('de')).toBe('en');
    expect(mailLanguageOf(null)).toBe('en');
  });

  it('mails shipped, out for delivery, delivered, attempts and exceptions; not in transit', () => {
    expect(updateKindOfKey('shipped')).toBe('shipped');
    expect(updateKindOfKey('out_for_delivery')).toBe('out_for_delivery');
    expect(updateKindOfKey('delivered')).toBe('delivered');
    expect(updateKindOfKey('attempt_fail:attemptfail_001')).toBe('attempt_fail');
    expect(updateKindOfKey('exception:')).toBe('exception');
    expect(updateKindOfKey('in_transit')).toBeNull();
  });
});
