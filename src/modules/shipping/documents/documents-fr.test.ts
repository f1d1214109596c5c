/**
 * French labels, in a file of their own: vitest gives each file its own process, and the parsed
 * fonts are shared within one (see the note in the lead's report on glyph code points).
 */
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { renderPackingList, renderPickList } from './index.js';
import { samplePackingListView, samplePickListView } from './sample-views.js';

describe('French dispatch documents', () => {
  it('prints the packing list in French', async () => {
    const all = (
      await pdfPages(await renderPackingList({ ...samplePackingListView(), language: 'fr' }))
    ).join(' ');
    expect(all).toContain('LISTE DE COLISAGE');
    expect(all).toContain('Colis 1 sur 2');
    expect(all).toContain('5 mars 2026');
  });

  it('prints the pick list in French', async () => {
    const all = (await pdfPages(await renderPickList({ ...samplePickListView(), language: 'fr' }))).join(' ');
    expect(all).toContain('LISTE DE PRÉPARATION');
    expect(all).toContain('Emplacement');
    expect(all).toContain('PRÉPARÉ PAR');
  });
});
