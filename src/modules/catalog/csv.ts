/**
 * CSV import (with a preview) and export of products and of stock counts. An import checks every line
 * first and then applies all of them in one transaction, or none when any line is invalid (a 400 with
 * each line's errors, the same list the preview shows).
 *
 * Products: one per line, matched by SKU (update) or created. Stock counts: one line per SKU and
 * warehouse with the counted on-hand quantity; applying writes an adjustment movement with the reason
 * "stock count" for each difference, so the ledger still explains every unit.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { csvRecord, unescapeFormula } from '../../platform/csv.js';
import type { AnyDb } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { type FieldError, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isCurrency, parseMoney, toDecimalString } from '../../platform/money.js';
import {
  createProductInTx,
  type ListProductsFilter,
  listProducts,
  productChanges,
  toProduct,
  updateProductInTx,
} from './products-service.js';
import { normalizeCode } from './rules.js';
import {
  type CreateProductInput,
  createProductSchema,
  type Product,
  type UpdateProductInput,
  updateProductSchema,
} from './schemas.js';
import { adjustStockInTx, listLevels } from './stock.js';
import * as store from './store.js';

export const PRODUCT_COLUMNS = [
  'sku',
  'name',
  'gtin',
  'unit',
  'weight_g',
  'length_mm',
  'width_mm',
  'height_mm',
  'hs_code',
  'country_of_origin',
  'price',
  'currency',
  'active',
] as const;
type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

export const PRODUCT_CSV_NOTE =
  `Header line required; columns (any order; absent ones stay unchanged on update): ${PRODUCT_COLUMNS.join(', ')}. ` +
  'A line whose SKU exists updates that product, otherwise it creates one (name required). Blank cells clear ' +
  'optional values. price: a decimal amount in currency (e.g. 12.50 EUR); the three dimensions are in mm and ' +
  'given together; weight_g in grams; active: true or false (blank: unchanged, or true for a new product).';

export const COUNT_COLUMNS = ['sku', 'warehouse', 'on_hand'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number] | 'reserved' | 'available';

export const COUNT_CSV_NOTE =
  'Header line required with the columns sku, warehouse (its code) and on_hand (the counted quantity); ' +
  'reserved and available columns (as exported) are ignored. Each line sets on hand to the count by an ' +
  'adjustment movement with the reason "stock count"; a count below what is reserved needs override=true.';

export interface LineError {
  line: number;
  field: string | null;
  message: string;
}
type LineProblem = { field: string | null; message: string };

// ── Parsing (shared) ─────────────────────────────────────────────────────────────────────────────

interface CsvLine<C extends string> {
  line: number;
  cells: Map<C, string>;
}

interface ParsedFile<C extends string> {
  header: Set<C>;
  lines: CsvLine<C>[];
  errors: LineError[];
}

function parseFile<C extends string>(
  text: string,
  known: readonly C[],
  required: readonly C[],
): ParsedFile<C> {
  const errors: LineError[] = [];
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { header: new Set(), lines: [], errors: [{ line: lines ?? 1, field: null, message }] };
  }
  const startLine = (r: (typeof records)[number]) =>
    r.info.lines - (r.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
  const meaningful = records.filter((r) => r.record.some((cell) => cell.trim() !== ''));
  const [headerRecord, ...body] = meaningful;
  if (!headerRecord)
    return { header: new Set(), lines: [], errors: [{ line: 1, field: null, message: 'the file is empty' }] };
  const headerLine = startLine(headerRecord);
  const names = headerRecord.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const header = new Set<C>();
  for (const name of names) {
    if (!(known as readonly string[]).includes(name))
      errors.push({
        line: headerLine,
        field: name,
        message: `is not a known column (known: ${known.join(', ')})`,
      });
    else if (header.has(name as C))
      errors.push({ line: headerLine, field: name, message: 'appears twice in the header' });
    else header.add(name as C);
  }
  for (const column of required)
    if (!header.has(column))
      errors.push({ line: headerLine, field: column, message: 'is a required column' });
  if (errors.length > 0) return { header, lines: [], errors };
  const lines: CsvLine<C>[] = [];
  for (const record of body) {
    const line = startLine(record);
    if (record.record.length !== names.length) {
      errors.push({
        line,
        field: null,
        message: `has ${record.record.length} cells; the header has ${names.length}`,
      });
      continue;
    }
    const cells = new Map<C, string>();
    for (const [i, name] of names.entries()) cells.set(name as C, unescapeFormula(record.record[i]!.trim()));
    lines.push({ line, cells });
  }
  return { header, lines, errors };
}

function rejectFile(errors: LineError[]) {
  const lines = new Set(errors.map((e) => e.line)).size;
  return validationError(
    `The file has ${errors.length} error(s) on ${lines} line(s); nothing was imported. Fix them and import again (preview shows the same list).`,
    errors.map((e): FieldError & LineError => ({
      path: e.field ? `line ${e.line}, column ${e.field}` : `line ${e.line}`,
      line: e.line,
      field: e.field,
      message: e.message,
    })),
  );
}

const allErrors = (fileErrors: LineError[], lines: { line: number; errors: LineProblem[] }[]): LineError[] =>
  [...fileErrors, ...lines.flatMap((l) => l.errors.map((e) => ({ line: l.line, ...e })))].sort(
    (a, b) => a.line - b.line,
  );

// ── Products ─────────────────────────────────────────────────────────────────────────────────────

export interface ProductLineResult {
  line: number;
  sku: string | null;
  name: string | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  changes: string[];
  errors: LineProblem[];
  productId?: string;
}

export interface ProductImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; create: number; update: number; unchanged: number; invalid: number };
  lines: ProductLineResult[];
  errors: LineError[];
}

interface PlannedProduct {
  result: ProductLineResult;
  create?: CreateProductInput;
  update?: { before: Product; input: UpdateProductInput };
}

const FIELD_COLUMN: Record<string, ProductColumn> = {
  sku: 'sku',
  name: 'name',
  gtin: 'gtin',
  unit: 'unit',
  weightGrams: 'weight_g',
  hsCode: 'hs_code',
  countryOfOrigin: 'country_of_origin',
  active: 'active',
};

function issuesToErrors(error: z.ZodError): LineProblem[] {
  return error.issues.map((issue) => {
    const [head, sub] = issue.path.map(String);
    let field: string = FIELD_COLUMN[head ?? ''] ?? 'sku';
    if (head === 'dimensionsMm') field = sub ? `${sub}_mm` : 'length_mm';
    if (head === 'price') field = sub === 'currency' ? 'currency' : 'price';
    return { field, message: issue.message };
  });
}

const blank = (v: string | undefined) => v === undefined || v === '';

function planProduct(
  ctx: AppContext,
  header: Set<ProductColumn>,
  line: CsvLine<ProductColumn>,
  existing: Product | undefined,
): PlannedProduct {
  const errors: LineProblem[] = [];
  const get = (c: ProductColumn) => line.cells.get(c);
  const raw: Record<string, unknown> = { sku: get('sku') ?? '' };
  if (header.has('name') || !existing) raw.name = get('name') ?? '';
  if (header.has('gtin')) raw.gtin = get('gtin');
  if (header.has('unit') && !blank(get('unit'))) raw.unit = get('unit');
  if (header.has('hs_code')) raw.hsCode = get('hs_code');
  if (header.has('country_of_origin'))
    raw.countryOfOrigin = blank(get('country_of_origin')) ? null : get('country_of_origin');

  const integer = (column: ProductColumn): number | null | undefined => {
    const v = get(column);
    if (v === undefined) return undefined;
    if (v === '') return null;
    if (!/^\d+$/.test(v)) {
      errors.push({ field: column, message: 'must be a whole number' });
      return undefined;
    }
    return Number(v);
  };
  if (header.has('weight_g')) {
    const w = integer('weight_g');
    if (w !== undefined) raw.weightGrams = w;
  }
  const dims = (['length_mm', 'width_mm', 'height_mm'] as const).filter((c) => header.has(c));
  if (dims.length > 0) {
    const values = (['length_mm', 'width_mm', 'height_mm'] as const).map((c) =>
      header.has(c) ? integer(c) : existing?.dimensionsMm?.[c.replace('_mm', '') as 'length'],
    );
    if (values.every((v) => v === null || v === undefined)) raw.dimensionsMm = null;
    else if (values.some((v) => v === null || v === undefined)) {
      if (!errors.some((e) => e.field?.endsWith('_mm')))
        errors.push({
          field: 'length_mm',
          message: 'length_mm, width_mm and height_mm go together: give all three or none',
        });
    } else raw.dimensionsMm = { length: values[0], width: values[1], height: values[2] };
  }
  if (header.has('price') || header.has('currency')) {
    const priceText = header.has('price') ? get('price')! : undefined;
    const currency = (get('currency') || existing?.price?.currency || ctx.config.BASE_CURRENCY).toUpperCase();
    if (priceText === '') raw.price = null;
    else if (!isCurrency(currency))
      errors.push({ field: 'currency', message: 'must be an ISO 4217 currency code, e.g. EUR' });
    else if (priceText !== undefined) {
      try {
        raw.price = { amount: parseMoney(priceText.replace(/[\s,_]/g, ''), currency).amount, currency };
      } catch (error) {
        errors.push({
          field: 'price',
          message: /decimal places/.test((error as Error).message)
            ? `has more decimals than ${currency} allows`
            : 'must be a decimal amount, e.g. 12.50',
        });
      }
    } else if (existing?.price) raw.price = { amount: existing.price.amount, currency };
  }
  if (header.has('active') && !blank(get('active'))) {
    const v = get('active')!.toLowerCase();
    if (['true', 'yes', '1'].includes(v)) raw.active = true;
    else if (['false', 'no', '0'].includes(v)) raw.active = false;
    else errors.push({ field: 'active', message: 'must be true or false' });
  }

  const sku = blank(get('sku')) ? null : normalizeCode(get('sku')!);
  const name = get('name') || existing?.name || null;
  const invalid = (): PlannedProduct => ({
    result: { line: line.line, sku, name, action: 'invalid', changes: [], errors },
  });
  if (existing) {
    const parsed = updateProductSchema.safeParse(raw);
    if (!parsed.success) errors.push(...issuesToErrors(parsed.error));
    if (errors.length > 0 || !parsed.success) return invalid();
    const changes = productChanges(existing, parsed.data);
    return {
      result: {
        line: line.line,
        sku: existing.sku,
        name,
        action: changes.length > 0 ? 'update' : 'unchanged',
        changes,
        errors,
        productId: existing.id,
      },
      update: { before: existing, input: parsed.data },
    };
  }
  const parsed = createProductSchema.safeParse(raw);
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error));
  if (errors.length > 0 || !parsed.success) return invalid();
  return {
    result: { line: line.line, sku, name, action: 'create', changes: [], errors },
    create: parsed.data,
  };
}

async function planProducts(
  ctx: AppContext,
  db: AnyDb,
  file: ParsedFile<ProductColumn>,
): Promise<PlannedProduct[]> {
  const skus = file.lines
    .map((l) => l.cells.get('sku'))
    .filter((s): s is string => !blank(s))
    .map(normalizeCode);
  const existing = await store.findProductsBySkus(db, skus);
  const firstLineOf = new Map<string, number>();
  return file.lines.map((line) => {
    const sku = blank(line.cells.get('sku')) ? undefined : normalizeCode(line.cells.get('sku')!);
    const current = sku ? existing.get(sku) : undefined;
    const plan = planProduct(ctx, file.header, line, current ? toProduct(current) : undefined);
    if (sku) {
      const first = firstLineOf.get(sku);
      if (first !== undefined) {
        plan.result.errors.unshift({
          field: 'sku',
          message: `is also on line ${first}; a SKU may appear once per file`,
        });
        plan.result.action = 'invalid';
        plan.result.changes = [];
        delete plan.create;
        delete plan.update;
      } else firstLineOf.set(sku, line.line);
    }
    return plan;
  });
}

function summarizeProducts(
  mode: 'preview' | 'apply',
  planned: PlannedProduct[],
  fileErrors: LineError[],
): ProductImportResult {
  const lines = planned.map((p) => p.result);
  const errors = allErrors(fileErrors, lines);
  const badFileLines = new Set(fileErrors.map((e) => e.line)).size;
  const count = (a: ProductLineResult['action']) => lines.filter((l) => l.action === a).length;
  return {
    mode,
    valid: errors.length === 0,
    counts: {
      lines: lines.length + badFileLines,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      invalid: count('invalid') + badFileLines,
    },
    lines,
    errors,
  };
}

export async function previewProductImport(ctx: AppContext, text: string): Promise<ProductImportResult> {
  const file = parseFile(text, PRODUCT_COLUMNS, ['sku']);
  return summarizeProducts('preview', await planProducts(ctx, ctx.db, file), file.errors);
}

export async function applyProductImport(
  ctx: AppContext,
  actor: Actor,
  text: string,
): Promise<ProductImportResult> {
  const file = parseFile(text, PRODUCT_COLUMNS, ['sku']);
  const checked = summarizeProducts('apply', await planProducts(ctx, ctx.db, file), file.errors);
  if (!checked.valid) throw rejectFile(checked.errors);
  return transaction(ctx, actor, async (tx) => {
    const planned = await planProducts(ctx, tx.db, file);
    const result = summarizeProducts('apply', planned, file.errors);
    if (!result.valid) throw rejectFile(result.errors);
    for (const plan of planned) {
      if (plan.create) plan.result.productId = (await createProductInTx(tx, plan.create)).id;
      else if (plan.update && plan.result.action === 'update')
        await updateProductInTx(tx, plan.update.before, plan.update.input);
    }
    tx.audit({ action: 'product.imported', entityType: 'product', entityId: null, after: result.counts });
    return { ...result, lines: planned.map((p) => p.result) };
  });
}

const EXPORT_PAGE = 500;

function productCells(p: Product): unknown[] {
  const values: Record<ProductColumn, unknown> = {
    sku: p.sku,
    name: p.name,
    gtin: p.gtin,
    unit: p.unit,
    weight_g: p.weightGrams,
    length_mm: p.dimensionsMm?.length,
    width_mm: p.dimensionsMm?.width,
    height_mm: p.dimensionsMm?.height,
    hs_code: p.hsCode,
    country_of_origin: p.countryOfOrigin,
    price: p.price ? toDecimalString(p.price) : '',
    currency: p.price?.currency,
    active: p.active ? 'true' : 'false',
  };
  // GTINs and HS codes are identifiers: written as text, so a spreadsheet keeps their leading zeros.
  return PRODUCT_COLUMNS.map((c) => (typeof values[c] === 'number' ? values[c] : (values[c] ?? '')));
}

/** Products matching the list filters as CSV (the import's columns), a page at a time. */
export async function* exportProducts(
  ctx: AppContext,
  filter: Omit<ListProductsFilter, 'after' | 'limit'>,
): AsyncGenerator<string> {
  yield `${csvRecord([...PRODUCT_COLUMNS])}\r\n`;
  let after: string | undefined;
  for (;;) {
    const rows = await listProducts(ctx, { ...filter, after, limit: EXPORT_PAGE });
    const page = rows.slice(0, EXPORT_PAGE);
    const chunk = page.map((p) => `${csvRecord(productCells(p))}\r\n`).join('');
    if (chunk) yield chunk;
    if (rows.length <= EXPORT_PAGE) return;
    after = page[page.length - 1]!.sku;
  }
}

// ── Stock counts ─────────────────────────────────────────────────────────────────────────────────

export interface CountLineResult {
  line: number;
  sku: string | null;
  warehouse: string | null;
  /** On hand before the count (null when the line is invalid). */
  onHand: number | null;
  reserved: number | null;
  counted: number | null;
  difference: number | null;
  action: 'adjust' | 'unchanged' | 'invalid';
  errors: LineProblem[];
}

export interface CountImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; adjust: number; unchanged: number; invalid: number };
  lines: CountLineResult[];
  errors: LineError[];
  /** The reference of the adjustments written (apply). */
  countId?: string;
}

interface PlannedCount {
  result: CountLineResult;
  productId?: string;
  warehouseId?: string;
}

async function planCounts(
  db: AnyDb,
  file: ParsedFile<CountColumn>,
  override: boolean,
): Promise<PlannedCount[]> {
  const products = await store.findProductsBySkus(
    db,
    file.lines.map((l) => normalizeCode(l.cells.get('sku') ?? '')),
  );
  const warehouses = new Map((await store.allWarehouses(db)).map((w) => [w.code, w]));
  const seen = new Map<string, number>();
  const planned: PlannedCount[] = [];
  for (const line of file.lines) {
    const errors: LineProblem[] = [];
    const sku = normalizeCode(line.cells.get('sku') ?? '');
    const code = normalizeCode(line.cells.get('warehouse') ?? '');
    const countedText = line.cells.get('on_hand') ?? '';
    const product = products.get(sku);
    const warehouse = warehouses.get(code);
    if (!sku) errors.push({ field: 'sku', message: 'is required' });
    else if (!product) errors.push({ field: 'sku', message: `${sku} is not a product` });
    if (!code) errors.push({ field: 'warehouse', message: 'is required' });
    else if (!warehouse) errors.push({ field: 'warehouse', message: `${code} is not a warehouse code` });
    const counted = /^\d{1,12}$/.test(countedText) ? Number(countedText) : null;
    if (counted === null) errors.push({ field: 'on_hand', message: 'must be a whole number, 0 or more' });
    const key = `${sku}|${code}`;
    if (sku && code && seen.has(key))
      errors.unshift({
        field: 'sku',
        message: `${sku} in ${code} is also on line ${seen.get(key)}; count it once per file`,
      });
    else seen.set(key, line.line);
    let level = { on_hand: 0, reserved: 0 };
    if (product && warehouse) level = (await store.levelsOf(db, product.id, warehouse.id))[0] ?? level;
    if (counted !== null && errors.length === 0 && counted < level.reserved && !override)
      errors.push({
        field: 'on_hand',
        message: `${counted} counted is below the ${level.reserved} reserved; release reservations first, or import with override`,
      });
    const ok = errors.length === 0;
    const difference = ok && counted !== null ? counted - level.on_hand : null;
    planned.push({
      result: {
        line: line.line,
        sku: sku || null,
        warehouse: code || null,
        onHand: ok ? level.on_hand : null,
        reserved: ok ? level.reserved : null,
        counted,
        difference,
        action: !ok ? 'invalid' : difference === 0 ? 'unchanged' : 'adjust',
        errors,
      },
      ...(ok && product && warehouse ? { productId: product.id, warehouseId: warehouse.id } : {}),
    });
  }
  return planned;
}

function summarizeCounts(
  mode: 'preview' | 'apply',
  planned: PlannedCount[],
  fileErrors: LineError[],
): CountImportResult {
  const lines = planned.map((p) => p.result);
  const errors = allErrors(fileErrors, lines);
  const badFileLines = new Set(fileErrors.map((e) => e.line)).size;
  const count = (a: CountLineResult['action']) => lines.filter((l) => l.action === a).length;
  return {
    mode,
    valid: errors.length === 0,
    counts: {
      lines: lines.length + badFileLines,
      adjust: count('adjust'),
      unchanged: count('unchanged'),
      invalid: count('invalid') + badFileLines,
    },
    lines,
    errors,
  };
}

const COUNT_KNOWN: readonly CountColumn[] = [...COUNT_COLUMNS, 'reserved', 'available'];

export async function previewCountImport(
  ctx: AppContext,
  text: string,
  override = false,
): Promise<CountImportResult> {
  const file = parseFile(text, COUNT_KNOWN, COUNT_COLUMNS);
  return summarizeCounts('preview', await planCounts(ctx.db, file, override), file.errors);
}

export async function applyCountImport(
  ctx: AppContext,
  actor: Actor,
  text: string,
  override = false,
): Promise<CountImportResult> {
  const file = parseFile(text, COUNT_KNOWN, COUNT_COLUMNS);
  const checked = summarizeCounts('apply', await planCounts(ctx.db, file, override), file.errors);
  if (!checked.valid) throw rejectFile(checked.errors);
  return transaction(ctx, actor, async (tx) => {
    const planned = await planCounts(tx.db, file, override);
    const result = summarizeCounts('apply', planned, file.errors);
    if (!result.valid) throw rejectFile(result.errors);
    const countId = newId('cnt');
    for (const plan of planned) {
      if (plan.result.action !== 'adjust') continue;
      await adjustStockInTx(tx, {
        productId: plan.productId!,
        warehouseId: plan.warehouseId!,
        quantity: plan.result.difference!,
        reason: 'stock count',
        override,
        reference: { type: 'stock_count', id: countId },
      });
    }
    tx.audit({ action: 'stock.counted', entityType: 'stock_count', entityId: countId, after: result.counts });
    return { ...result, countId };
  });
}

/** Every stock level as a count sheet: sku, warehouse, on_hand (and reserved, available for reference). */
export async function* exportCounts(
  ctx: AppContext,
  filter: { warehouseId?: string | undefined },
): AsyncGenerator<string> {
  yield `${csvRecord(['sku', 'warehouse', 'on_hand', 'reserved', 'available'])}\r\n`;
  let after: { sku: string; code: string } | undefined;
  for (;;) {
    const rows = await listLevels(ctx, { ...filter, after, limit: EXPORT_PAGE });
    const page = rows.slice(0, EXPORT_PAGE);
    const chunk = page
      .map((l) => `${csvRecord([l.sku, l.warehouseCode, l.onHand, l.reserved, l.available])}\r\n`)
      .join('');
    if (chunk) yield chunk;
    if (rows.length <= EXPORT_PAGE) return;
    const last = page[page.length - 1]!;
    after = { sku: last.sku, code: last.warehouseCode };
  }
}
