/**
 * A document's bytes must not depend on what the process rendered before it: archived documents are
 * re-rendered to the same SHA-256. fontkit caches one glyph object per id with the code points it was
 * first shaped from, and pdfkit writes the ToUnicode map from them; platform/pdf/fonts.ts gives each
 * shaping its own code points. In a file of its own: it needs a process that has rendered nothing yet.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runChild } from '../../../../tests/support/child-process.js';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { createPdf, FONT, renderToBuffer, textAt } from '../../../platform/pdf/index.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function render(text: string): Promise<Buffer> {
  const doc = createPdf({ title: 'History', author: 'Duely tests', createdAt: '2026-03-05T09:30:00Z' });
  textAt(doc, text, { x: 48, y: 60, width: 400 }, { font: FONT.semibold });
  return renderToBuffer(doc);
}

describe('rendering history', () => {
  it('does not change the bytes or the text of a later document', async () => {
    // "·" shapes through the period glyph; drawn first, it used to take the text of every later ".".
    await render('5 lines · 224 units');
    const after = await render('Weight 12.4 kg');
    expect((await pdfPages(after))[0]).toContain('12.4 kg');

    const fresh = await runChild({
      source: `
        import { createHash } from 'node:crypto';
        import { createPdf, FONT, renderToBuffer, textAt } from '${REPO_ROOT}/src/platform/pdf/index.js';
        const doc = createPdf({ title: 'History', author: 'Duely tests', createdAt: '2026-03-05T09:30:00Z' });
        textAt(doc, 'Weight 12.4 kg', { x: 48, y: 60, width: 400 }, { font: FONT.semibold });
        console.log(createHash('sha256').update(await renderToBuffer(doc)).digest('hex'));
      `,
    });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout.trim()).toBe(sha256(after));
  });
});
