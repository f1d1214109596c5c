import { describe, expect, it } from 'vitest';
import {
  assertDisputeTransition,
  attachmentProblem,
  canMove,
  creditLinesFor,
  DISPUTE_STATUSES,
  safeFilename,
  taxOf,
} from './rules.js';

describe('dispute rules', () => {
  it('allows open → investigating → resolved | rejected and nothing out of a closed case', () => {
    expect(canMove('open', 'investigating')).toBe(true);
    expect(canMove('investigating', 'resolved')).toBe(true);
    expect(canMove('open', 'rejected')).toBe(true);
    expect(canMove('investigating', 'open')).toBe(false);
    for (const to of DISPUTE_STATUSES) {
      expect(canMove('resolved', to)).toBe(false);
      expect(canMove('rejected', to)).toBe(false);
    }
    expect(() => assertDisputeTransition('DSP-2026-000001', 'resolved', 'open')).toThrow(/it is closed/);
  });

  it('accepts files of the listed types whose content looks like the type, up to 5 MiB', () => {
    expect(attachmentProblem('application/pdf', Buffer.from('%PDF-1.7 …'))).toBeNull();
    expect(attachmentProblem('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBeNull();
    expect(attachmentProblem('text/plain; charset=utf-8', Buffer.from('hello'))).toBeNull();
    expect(attachmentProblem('image/png', Buffer.from('GIF89a'))).toBe('the content is not a image/png file');
    expect(attachmentProblem('application/zip', Buffer.from('PK'))).toMatch(/not accepted/);
    expect(attachmentProblem('text/plain', Buffer.from([0x61, 0x00]))).toMatch(/not text/);
    expect(attachmentProblem('text/plain', Buffer.alloc(0))).toBe('the file is empty');
    expect(attachmentProblem('text/plain', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'))).toMatch(/limit/);
  });

  it('keeps file names to a safe base name', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\"photo"\r\n.jpg')).toBe('photo.jpg');
    expect(safeFilename('   ')).toBe('attachment');
  });

  it('splits a gross amount over the tax rates so that net + tax is the amount', () => {
    const single = creditLinesFor(5_000, 'EUR', [
      { category: 'S', rate: '20', gross: 12_000, exemptionReason: null, exemptionReasonCode: null },
    ]);
    expect(single).toMatchObject([{ category: 'S', rate: '20', net: 4_167 }]);
    expect(single[0]!.net + taxOf(single[0]!.net, '20')).toBe(5_000);

    const mixed = creditLinesFor(10_000, 'EUR', [
      { category: 'S', rate: '20', gross: 12_000, exemptionReason: null, exemptionReasonCode: null },
      { category: 'S', rate: '5.5', gross: 10_550, exemptionReason: null, exemptionReasonCode: null },
      { category: 'Z', rate: '0', gross: 0, exemptionReason: null, exemptionReasonCode: null },
    ]);
    expect(mixed.map((p) => p.rate)).toEqual(['20', '5.5']);
    const gross = mixed.reduce((s, p) => s + p.net + taxOf(p.net, p.rate), 0);
    expect(gross).toBeLessThanOrEqual(10_000);
    expect(gross).toBeGreaterThanOrEqual(9_999);
  });
});
