/** Test-only PDF reading with pdf.js: the text of each page, as a viewer would copy it. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Text per page; runs joined by spaces, narrow/no-break spaces made plain so tests read naturally. */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      pages.push(text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' '));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, unknown>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    return (await doc.getMetadata()).info as Record<string, unknown>;
  } finally {
    await doc.destroy();
  }
}
