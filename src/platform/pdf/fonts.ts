/**
 * The fonts every Duely document uses: Inter (SIL OFL 1.1) from the npm package, embedded and
 * subset into each PDF so documents look the same everywhere and can show €, accented Latin, Greek
 * and Cyrillic. The base-14 PDF fonts are never used: they are not embedded and only cover Latin-1.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  semibold: '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  bold: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof FILES;

/** The names documents select fonts by, e.g. `doc.font(FONT.bold)`. */
export const FONT: Record<FontWeight, string> = {
  regular: 'Inter',
  semibold: 'Inter-SemiBold',
  bold: 'Inter-Bold',
};

let cache: Record<FontWeight, fontkit.Font> | undefined;

interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
}

const sameCodePoints = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * fontkit keeps one glyph object per glyph id, carrying the code points it was first shaped from, and
 * pdfkit writes each document's ToUnicode map from those. Shared across documents, that made a
 * document's bytes (and its extractable text: "12.4" read as "124") depend on what the process had
 * rendered before — fatal for re-rendering an archived document to the same SHA-256. So a glyph asked
 * for with other code points gets a view of the cached glyph (its parsed outline and metrics) carrying
 * the code points of the text being shaped now.
 */
function withFaithfulCodePoints(font: fontkit.Font): fontkit.Font {
  const source = font as unknown as GlyphSource;
  const getGlyph = source.getGlyph.bind(font);
  source.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints.length === 0 || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } });
  };
  return font;
}

function parse(file: string): fontkit.Font {
  const font = fontkit.create(readFileSync(require.resolve(file)));
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
  return withFaithfulCodePoints(font);
}

/**
 * The parsed fonts, shared by every document of the process: parsing Inter's tables for each
 * document took most of the render time. pdfkit subsets per document, so sharing is safe.
 */
export function fonts(): Record<FontWeight, fontkit.Font> {
  cache ??= { regular: parse(FILES.regular), semibold: parse(FILES.semibold), bold: parse(FILES.bold) };
  return cache;
}

/**
 * Shaping words with Inter's OpenType tables is the other big cost. pdfkit caches shaped words per
 * document; these caches share them across documents (a shaped word depends only on the font). They
 * are dropped every so many documents to bound memory.
 */
let layoutCaches: Record<FontWeight, Record<string, unknown>> | undefined;
let documentsSinceReset = 0;
const RESET_EVERY = 500;

function sharedLayoutCaches(): Record<FontWeight, Record<string, unknown>> {
  if (!layoutCaches || ++documentsSinceReset > RESET_EVERY) {
    layoutCaches = { regular: Object.create(null), semibold: Object.create(null), bold: Object.create(null) };
    documentsSinceReset = 0;
  }
  return layoutCaches;
}

/** Registers and selects each font once (fixing their ids F1–F3); unused ones are not embedded. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const parsed = fonts();
  const caches = sharedLayoutCaches();
  for (const weight of Object.keys(FILES) as FontWeight[]) {
    // pdfkit takes a parsed fontkit font as a source too; its typings only list bytes and paths.
    doc.registerFont(FONT[weight], parsed[weight] as unknown as Buffer);
    doc.font(FONT[weight]);
    const embedded = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
    if (embedded?.layoutCache) embedded.layoutCache = caches[weight];
  }
  doc.font(FONT.regular);
}
