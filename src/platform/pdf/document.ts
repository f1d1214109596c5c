/**
 * A4 PDF documents that render byte-identically from the same input: the dates come from the
 * caller, the document ID is a hash of the finished bytes, fonts are embedded Inter. Issued documents
 * are archived with their SHA-256, and re-rendering must reproduce that hash.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.js';

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  /** The instant the document counts as created (e.g. the invoice's issue); never "now". */
  createdAt: Date | string;
  /** BCP 47 language of the content, for screen readers and text extraction. */
  language?: string;
  /** Page size: 'A4' (the default), 'LETTER', or [width, height] in points (a 4x6 in label is [288, 432]). */
  size?: 'A4' | 'LETTER' | readonly [number, number];
  /** Page margins; PAGE_MARGINS when not given. */
  margins?: { top: number; bottom: number; left: number; right: number };
}

export const PAGE_MARGINS = { top: 56, bottom: 64, left: 48, right: 48 } as const;

/** pdfkit writes this ID; `renderToBuffer` swaps it for a hash of the finished document. */
const ID_PLACEHOLDER = Buffer.alloc(16, 0xd1);

export function createPdf(meta: PdfMeta): PDFKit.PDFDocument {
  const createdAt = new Date(meta.createdAt);
  if (Number.isNaN(createdAt.getTime()))
    throw new RangeError(`createdAt "${meta.createdAt}" is not an instant`);
  const doc = new PDFDocument({
    size: typeof meta.size === 'object' ? [...meta.size] : (meta.size ?? 'A4'),
    margins: meta.margins ?? PAGE_MARGINS,
    compress: true,
    bufferPages: true, // page numbers are stamped once the page count is known
    pdfVersion: '1.7',
    displayTitle: true,
    lang: meta.language,
    // null, not undefined: pdfkit would otherwise load the base-14 Helvetica as the default font.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Duely',
      Producer: 'Duely',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  (doc as unknown as { _id: Uint8Array })._id = ID_PLACEHOLDER;
  registerFonts(doc);
  return doc;
}

/** Ends the document and returns its bytes, with the trailer /ID set to a hash of those bytes. */
export function renderToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      try {
        resolve(withContentId(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    doc.end();
  });
}

function withContentId(pdf: Buffer): Buffer {
  const hex = ID_PLACEHOLDER.toString('hex');
  const placeholder = `/ID [<${hex}> <${hex}>]`;
  const at = pdf.lastIndexOf(placeholder, undefined, 'latin1');
  if (at < 0) throw new Error('PDF trailer has no document ID to fill in (has pdfkit changed?)');
  const id = createHash('sha256').update(pdf).digest().subarray(0, 16).toString('hex');
  pdf.write(`/ID [<${id}> <${id}>]`, at, 'latin1');
  return pdf;
}
