/**
 * The documents of a shipment, built from the real shipment, order, customer, company, warehouse and
 * product data, rendered, and archived with their SHA-256 in the transaction of the step that makes
 * them:
 * - creation: the pick list;
 * - packing: the packing list (per package: SSCC, weight, dimensions, contents with ordered, shipped and
 *   backordered units, HS code and origin);
 * - shipping: per package a 4×6 label in PDF and in ZPL (GS1-128 SSCC), and the VICS bill of lading
 *   (only when the carrier has a SCAC: the VICS form has no meaning without one).
 *
 * Each document's issue instant is the time of its step (created_at, packed_at, shipped_at), so
 * rendering the same shipment again gives the same bytes (`renderShipmentDocument`) and the archived
 * SHA-256 can be checked.
 */
import type { AnyDb } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { archiveDocument, getArchivedDocument } from '../../platform/documents/index.js';
import { newId } from '../../platform/ids.js';
import { getProducts, getWarehouse } from '../catalog/index.js';
import { type Customer, findCustomerIn } from '../customers/index.js';
import { readCompanySettings } from '../invoicing/index.js';
import { loadOrder, type Order } from '../orders/index.js';
import {
  type PartyView,
  renderBillOfLading,
  renderPackingList,
  renderPickList,
  renderShippingLabel,
} from './documents/index.js';
import type { ShipmentDocument } from './schemas.js';
import { centimetres, kilograms, type PackageContent } from './shipment-rules.js';
import { toDocument } from './shipments-read.js';
import * as store from './store.js';
import { renderZplLabel } from './zpl-label.js';

export type DocumentKind = ShipmentDocument['kind'];

interface Rendered {
  kind: DocumentKind;
  packageId: string | null;
  filename: string;
  contentType: string;
  content: Buffer;
}

interface Address {
  line1: string;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  country: string;
}

const PDF = 'application/pdf';
const ZPL = 'application/vnd.zebra.zpl; charset=utf-8';

const addressLines = (a: Address): string[] =>
  [
    a.line1,
    a.line2 ?? '',
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.region ?? '',
    a.country,
  ].filter((l) => l.trim() !== '');

const party = (name: string, a: Address, extra: string[] = []): PartyView => ({
  name,
  address: addressLines(a),
  extra: extra.slice(0, 3),
});

const language = (customer: Customer | undefined): 'en' | 'fr' =>
  customer?.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';

const dateOf = (instant: string) => instant.slice(0, 10);

/** Everything the documents of one shipment are made from. */
async function gather(db: AnyDb, shipmentId: string) {
  const row = await store.findShipment(db, shipmentId);
  if (!row) throw new Error(`shipment ${shipmentId} vanished while rendering its documents`);
  const [lines, packages, numbers, order, customer, company, warehouse] = await Promise.all([
    store.linesOf(db, [shipmentId]).then((m) => m.get(shipmentId) ?? []),
    store.packagesOf(db, [shipmentId]).then((m) => m.get(shipmentId) ?? []),
    store.trackingNumbersOf(db, [shipmentId]).then((m) => m.get(shipmentId) ?? []),
    loadOrder(db, row.order_id),
    findCustomerIn(db, row.customer_id),
    readCompanySettings(db),
    getWarehouse(db, row.warehouse_id),
  ]);
  const products = await getProducts(
    db,
    lines.map((l) => l.product_id),
  );
  const carrier = row.carrier_id ? await store.findCarrier(db, row.carrier_id) : undefined;
  if (!warehouse) throw new Error(`warehouse ${row.warehouse_id} of shipment ${row.number} is missing`);
  const issuer = company.legalName;
  const shipFrom = party(company.tradingName ?? company.legalName, warehouse.address, [
    `${warehouse.code} · ${warehouse.name}`,
  ]);
  const customerName = customer?.legalName ?? row.customer_id;
  const shipTo = party(customerName, JSON.parse(row.ship_to) as Address, customer ? [customer.code] : []);
  return {
    row,
    lines,
    packages,
    numbers,
    order,
    customer,
    company,
    warehouse,
    products,
    carrier,
    issuer,
    shipFrom,
    shipTo,
    customerName,
  };
}

type Data = Awaited<ReturnType<typeof gather>>;

const orderNumber = (order: Order) => order.number ?? order.id;

async function pickList(d: Data): Promise<Rendered> {
  const content = await renderPickList({
    language: language(d.customer),
    issuedAt: d.row.created_at,
    issuer: d.issuer,
    number: `PL-${d.row.number}`,
    warehouse: { code: d.warehouse.code, name: d.warehouse.name },
    orderNumber: orderNumber(d.order),
    shipmentNumber: d.row.number,
    customer: d.customerName,
    shipTo: d.shipTo,
    ...(d.order.promisedShipDate ? { requestedShipDate: d.order.promisedShipDate } : {}),
    notes: [
      d.order.notes,
      d.row.replacement_reason ? `Replacement: ${d.row.replacement_reason}` : null,
    ].filter((n): n is string => !!n?.trim()),
    lines: d.lines.map((l) => {
      const gtin = d.products.get(l.product_id)?.gtin;
      return {
        // No bin locations are kept yet: lines are picked from the warehouse as a whole.
        location: d.warehouse.code,
        sku: l.sku,
        description: l.description,
        quantity: String(l.quantity),
        unit: l.unit.slice(0, 20),
        ...(gtin ? { gtin } : {}),
      };
    }),
  });
  return {
    kind: 'pick_list',
    packageId: null,
    filename: `${d.row.number}-pick-list.pdf`,
    contentType: PDF,
    content,
  };
}

async function packingList(d: Data): Promise<Rendered> {
  const orderLines = new Map(d.order.lines.map((l) => [l.id, l]));
  const lineById = new Map(d.lines.map((l) => [l.id, l]));
  const exportShipment = d.warehouse.address.country !== (JSON.parse(d.row.ship_to) as Address).country;
  const carrierName = d.carrier?.name;
  const content = await renderPackingList({
    language: language(d.customer),
    issuedAt: d.row.packed_at ?? d.row.created_at,
    issuer: d.issuer,
    shipmentNumber: d.row.number,
    shipDate: dateOf(d.row.packed_at ?? d.row.created_at),
    orderNumber: orderNumber(d.order),
    ...(d.order.customerReference ? { purchaseOrder: d.order.customerReference } : {}),
    ...(d.customer ? { customerNumber: d.customer.code } : {}),
    ...(carrierName ? { carrier: carrierName } : {}),
    ...(d.row.service ? { service: d.row.service } : {}),
    trackingNumbers: d.numbers.map((n) => n.tracking_number),
    ...(d.order.incoterm
      ? { incoterm: [d.order.incoterm, d.order.incotermPlace].filter(Boolean).join(' ') }
      : {}),
    // Customs fields are printed (and required) when the goods cross a border and every product has them.
    export:
      exportShipment &&
      d.lines.every((l) => {
        const p = d.products.get(l.product_id);
        return !!p?.hsCode && !!p.countryOfOrigin;
      }),
    shipFrom: d.shipFrom,
    shipTo: d.shipTo,
    ...(d.customer
      ? {
          billTo: party(
            d.customer.legalName,
            d.customer.billingAddress,
            d.customer.taxId ? [`VAT ${d.customer.taxId}`] : [],
          ),
        }
      : {}),
    packages: d.packages.map((p) => ({
      sscc: p.sscc,
      weight: { value: kilograms(Number(p.weight_g)), unit: 'kg' as const },
      ...(p.length_mm !== null && p.width_mm !== null && p.height_mm !== null
        ? {
            dimensions: {
              length: centimetres(Number(p.length_mm)),
              width: centimetres(Number(p.width_mm)),
              height: centimetres(Number(p.height_mm)),
              unit: 'cm' as const,
            },
          }
        : {}),
      packaging: p.packaging,
      lines: (JSON.parse(p.contents) as PackageContent[]).map((c) => {
        const line = lineById.get(c.shipmentLineId)!;
        const ordered = orderLines.get(line.order_line_id);
        const product = d.products.get(line.product_id);
        const open = ordered ? ordered.ordered - ordered.shipped : 0;
        // Backordered: what of the order line stays to ship once this shipment has gone.
        const backordered =
          d.row.kind === 'replacement' || !ordered
            ? 0
            : Math.max(0, open - (d.row.shipped_at ? 0 : Number(line.quantity)));
        return {
          sku: line.sku,
          description: line.description,
          unit: line.unit.slice(0, 20),
          ordered: String(ordered?.ordered ?? Number(line.quantity)),
          shipped: String(c.quantity),
          backordered: String(backordered),
          ...(product?.hsCode ? { hsCode: product.hsCode } : {}),
          ...(product?.countryOfOrigin ? { countryOfOrigin: product.countryOfOrigin } : {}),
        };
      }),
    })),
    notes: [d.order.notes].filter((n): n is string => !!n?.trim()),
  });
  return {
    kind: 'packing_list',
    packageId: null,
    filename: `${d.row.number}-packing-list.pdf`,
    contentType: PDF,
    content,
  };
}

/** The tracking number of package `i`: its own when there is one per package, else the first. */
const trackingFor = (d: Data, i: number) =>
  (d.numbers.length === d.packages.length ? d.numbers[i] : d.numbers[0])?.tracking_number ?? '';

async function labels(d: Data, gs1PrefixLength: number): Promise<Rendered[]> {
  if (!d.carrier || !d.row.service) return [];
  const out: Rendered[] = [];
  const shipDate = dateOf(d.row.shipped_at ?? d.row.created_at);
  const to = JSON.parse(d.row.ship_to) as Address;
  for (const [i, p] of d.packages.entries()) {
    const trackingNumber = trackingFor(d, i);
    const base = `${d.row.number}-label-${String(p.sequence).padStart(3, '0')}`;
    const pdf = await renderShippingLabel({
      language: language(d.customer),
      issuedAt: d.row.shipped_at ?? d.row.created_at,
      issuer: d.issuer,
      shipFrom: d.shipFrom,
      shipTo: d.shipTo,
      carrier: {
        name: d.carrier.name,
        service: d.row.service,
        ...(d.carrier.scac ? { scac: d.carrier.scac } : {}),
      },
      trackingNumber,
      package: { number: i + 1, count: d.packages.length },
      weight: { value: kilograms(Number(p.weight_g)), unit: 'kg' },
      orderNumber: orderNumber(d.order),
      ...(d.order.customerReference ? { purchaseOrder: d.order.customerReference } : {}),
      shipmentNumber: d.row.number,
      shipDate,
      sscc: p.sscc,
    });
    out.push({ kind: 'label_pdf', packageId: p.id, filename: `${base}.pdf`, contentType: PDF, content: pdf });
    const from = d.warehouse.address;
    const zpl = renderZplLabel({
      shipFrom: {
        name: d.company.tradingName ?? d.company.legalName,
        lines: [from.line1, from.line2 ?? ''].filter(Boolean),
        city: from.city,
        region: from.region,
        postalCode: from.postalCode ?? '',
        country: from.country,
        phone: d.company.phone ?? null,
      },
      shipTo: {
        name: d.customerName,
        lines: [to.line1, to.line2 ?? ''].filter(Boolean),
        city: to.city,
        region: to.region ?? null,
        postalCode: to.postalCode ?? '',
        country: to.country,
      },
      carrier: d.carrier.name,
      service: d.row.service,
      trackingNumber,
      weight: { value: Number(p.weight_g) / 1000, unit: 'kg' },
      packageNumber: i + 1,
      packageCount: d.packages.length,
      orderReference: orderNumber(d.order),
      sscc: p.sscc,
      companyPrefixLength: gs1PrefixLength,
      shipDate,
    });
    out.push({
      kind: 'label_zpl',
      packageId: p.id,
      filename: `${base}.zpl`,
      contentType: ZPL,
      content: Buffer.from(zpl, 'utf8'),
    });
  }
  return out;
}

async function billOfLading(d: Data): Promise<Rendered | null> {
  const scac = d.carrier?.scac;
  if (!d.carrier || !scac || !/^[A-Z]{2,4}$/.test(scac)) return null;
  const totalGrams = d.packages.reduce((s, p) => s + Number(p.weight_g), 0);
  const byType = new Map<string, { count: number; grams: number }>();
  for (const p of d.packages) {
    const t = byType.get(p.packaging) ?? { count: 0, grams: 0 };
    byType.set(p.packaging, { count: t.count + 1, grams: t.grams + Number(p.weight_g) });
  }
  const date = dateOf(d.row.shipped_at ?? d.row.created_at);
  const freightTerms = (d.row.freight_terms ?? 'prepaid') as 'prepaid' | 'collect' | 'third_party';
  const description = d.lines
    .map((l) => `${l.quantity} × ${l.sku}`)
    .join(', ')
    .slice(0, 500);
  const content = await renderBillOfLading({
    language: language(d.customer),
    issuedAt: d.row.shipped_at ?? d.row.created_at,
    issuer: d.issuer,
    bolNumber: d.row.number,
    date,
    shipFrom: { ...d.shipFrom, sid: d.warehouse.code.slice(0, 80) },
    shipTo: { ...d.shipTo, ...(d.customer ? { cid: d.customer.code } : {}) },
    // Third-party billing names the customer's billing party: the only other party Duely knows.
    ...(freightTerms === 'third_party' && d.customer
      ? { thirdPartyBillTo: party(d.customer.legalName, d.customer.billingAddress) }
      : {}),
    carrier: { name: d.carrier.name, scac },
    ...(d.row.pro_number ? { proNumber: d.row.pro_number } : {}),
    freightTerms,
    weightUnit: 'kg',
    customerOrders: [
      {
        orderNumber: orderNumber(d.order),
        packages: d.packages.length,
        weight: kilograms(totalGrams),
        palletSlip: d.packages.some((p) => p.packaging === 'pallet'),
        ...(d.order.customerReference
          ? { additionalInfo: `PO ${d.order.customerReference}`.slice(0, 200) }
          : {}),
      },
    ],
    handlingUnits: [...byType.entries()].map(([type, t]) => ({
      handlingQuantity: t.count,
      handlingType: type,
      packageQuantity: t.count,
      packageType: type,
      weight: kilograms(t.grams),
      hazardous: false,
      description,
    })),
    shipperSignature: { name: d.issuer, date },
  });
  return {
    kind: 'bill_of_lading',
    packageId: null,
    filename: `${d.row.number}-bill-of-lading.pdf`,
    contentType: PDF,
    content,
  };
}

/** Renders the documents of a kind (labels: one PDF and one ZPL per package) from the stored data. */
export async function renderShipmentDocuments(
  db: AnyDb,
  shipmentId: string,
  kind: DocumentKind,
  gs1PrefixLength = 7,
): Promise<Rendered[]> {
  const d = await gather(db, shipmentId);
  switch (kind) {
    case 'pick_list':
      return [await pickList(d)];
    case 'packing_list':
      return d.packages.length > 0 ? [await packingList(d)] : [];
    case 'label_pdf':
    case 'label_zpl':
      return (await labels(d, gs1PrefixLength)).filter((r) => r.kind === kind);
    case 'bill_of_lading': {
      const bol = await billOfLading(d);
      return bol ? [bol] : [];
    }
  }
}

/**
 * Renders and archives the documents of the step just taken, in the step's transaction. `labels`
 * archives both the PDF and the ZPL label of every package.
 */
export async function archiveShipmentDocuments(
  tx: Tx,
  shipmentId: string,
  step: 'created' | 'packed' | 'shipped',
  gs1PrefixLength: number,
): Promise<ShipmentDocument[]> {
  const d = await gather(tx.db, shipmentId);
  const rendered: Rendered[] = [];
  if (step === 'created') rendered.push(await pickList(d));
  if (step === 'packed') rendered.push(await packingList(d));
  if (step === 'shipped') {
    rendered.push(...(await labels(d, gs1PrefixLength)));
    const bol = await billOfLading(d);
    if (bol) rendered.push(bol);
  }
  const out: ShipmentDocument[] = [];
  for (const r of rendered) {
    const archived = await archiveDocument(tx, {
      ownerType: 'shipment',
      ownerId: shipmentId,
      kind: r.kind,
      filename: r.filename,
      contentType: r.contentType,
      content: r.content,
    });
    const row: store.DocumentRow = {
      id: newId('document'),
      shipment_id: shipmentId,
      kind: r.kind,
      package_id: r.packageId,
      document_id: archived.id,
      filename: r.filename,
      content_type: r.contentType,
      sha256: archived.sha256,
      created_at: tx.now,
    };
    await store.insertDocument(tx.db, row);
    out.push(toDocument(row));
  }
  return out;
}

/** The archived bytes of one document of a shipment, exactly as issued. */
export async function shipmentDocumentContent(db: AnyDb, shipmentId: string, documentId: string) {
  const docs = (await store.documentsOf(db, [shipmentId])).get(shipmentId) ?? [];
  const row = docs.find((d) => d.id === documentId);
  if (!row) return undefined;
  const archived = await getArchivedDocument(db, row.document_id);
  if (!archived) return undefined;
  return { document: toDocument(row), content: archived.content };
}
