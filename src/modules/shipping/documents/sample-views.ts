/** Realistic views for tests, the bench and eyeballing the layouts. */
import type {
  BillOfLadingViewInput,
  PackingListViewInput,
  PickListViewInput,
  ShippingLabelViewInput,
} from './view.js';

const issuer = 'Duely Demo Distribution SAS';
const shipFrom = {
  name: 'Duely Demo Distribution SAS',
  address: ['Entrepôt Lyon Sud, Quai 4', '12 rue de la Logistique', '69007 Lyon', 'France'],
  phone: '+33 4 72 00 00 00',
  extra: ['EORI FR12345678900015'],
};
const shipTo = {
  name: 'Müller & Søn Großhandel GmbH',
  address: ['Wareneingang Tor 3', 'Hafenstraße 17', '20457 Hamburg', 'Germany'],
  contact: 'Attn. Jana Krüger',
  phone: '+49 40 123 456',
  extra: [],
};

const PRODUCTS = [
  ['PW-500-300', 'Pallet wrap film 500 mm × 300 m', '3920.10.89', 'FR'],
  ['CB-400-300-200', 'Corrugated box 400 × 300 × 200 mm, double wall', '4819.10.00', 'DE'],
  ['TP-48-66-BR', 'Packaging tape 48 mm × 66 m, brown', '3919.10.80', 'IT'],
  ['ST-16-BLK', 'Polyester strapping 16 mm, black, 1,000 m coil', '3920.62.19', 'BE'],
  ['LB-100-150', 'Thermal labels 100 × 150 mm, 500 per roll', '4821.10.10', 'FR'],
  ['CP-EDGE-50', 'Cardboard edge protectors 50 × 50 × 1,200 mm', '4823.90.85', 'PL'],
] as const;

export function samplePackingListView(linesPerPackage = 4, packages = 2): PackingListViewInput {
  return {
    language: 'en',
    issuedAt: '2026-03-05T09:30:00Z',
    issuer,
    shipmentNumber: 'SHP-2026-000417',
    shipDate: '2026-03-05',
    orderNumber: 'SO-2026-001188',
    purchaseOrder: 'PO-88213',
    customerNumber: 'C-00042',
    carrier: 'DHL Freight',
    service: 'Eurapid',
    trackingNumbers: ['JVGL0624598812345'],
    incoterm: 'DAP Hamburg',
    export: true,
    shipFrom,
    shipTo,
    billTo: {
      name: 'Müller & Søn Großhandel GmbH',
      address: ['Buchhaltung', 'Postfach 11 22 33', '20001 Hamburg', 'Germany'],
      extra: ['VAT DE123456789'],
    },
    packages: Array.from({ length: packages }, (_, p) => ({
      sscc: p % 2 === 0 ? '106141411234567897' : '006141411234567890',
      weight: { value: (12.4 + p).toFixed(1), unit: 'kg' as const },
      dimensions: { length: '60', width: '40', height: '40', unit: 'cm' as const },
      packaging: 'Carton',
      lines: Array.from({ length: linesPerPackage }, (_, l) => {
        const [sku, description, hsCode, origin] = PRODUCTS[(p * linesPerPackage + l) % PRODUCTS.length]!;
        const ordered = 10 + ((p + l) % 5) * 6;
        const back = l % 3 === 2 ? 4 : 0;
        return {
          sku: `${sku}${linesPerPackage > PRODUCTS.length ? `-${l + 1}` : ''}`,
          description,
          unit: 'pcs',
          ordered: String(ordered),
          shipped: String(ordered - back),
          backordered: String(back),
          hsCode,
          countryOfOrigin: origin,
        };
      }),
    })),
    notes: ['Deliver to gate 3 between 07:00 and 15:00. Please call 30 minutes before arrival.'],
  };
}

export function samplePickListView(): PickListViewInput {
  return {
    language: 'en',
    issuedAt: '2026-03-05T07:45:00Z',
    issuer,
    number: 'PL-2026-000871',
    warehouse: { code: 'LYS', name: 'Lyon Sud' },
    orderNumber: 'SO-2026-001188',
    shipmentNumber: 'SHP-2026-000417',
    customer: 'Müller & Søn Großhandel GmbH',
    shipTo,
    requestedShipDate: '2026-03-05',
    carrier: 'DHL Freight · Eurapid',
    notes: ['Fragile: stack cartons no more than 4 high.'],
    lines: [
      {
        location: 'B-10-2',
        sku: 'ST-16-BLK',
        description: 'Polyester strapping 16 mm, black, 1,000 m coil',
        quantity: '2',
        unit: 'coil',
      },
      {
        location: 'A-2-1',
        sku: 'PW-500-300',
        description: 'Pallet wrap film 500 mm × 300 m',
        quantity: '24',
        unit: 'roll',
        lot: 'L2602-114',
      },
      {
        location: 'A-10-3',
        sku: 'CB-400-300-200',
        description: 'Corrugated box 400 × 300 × 200 mm, double wall',
        quantity: '150',
        unit: 'pcs',
        gtin: '4012345678901',
      },
      {
        location: 'B-2-4',
        sku: 'TP-48-66-BR',
        description: 'Packaging tape 48 mm × 66 m, brown',
        quantity: '36',
        unit: 'roll',
      },
      {
        location: 'C-1-1',
        sku: 'LB-100-150',
        description: 'Thermal labels 100 × 150 mm, 500 per roll',
        quantity: '12',
        unit: 'roll',
      },
    ],
  };
}

export function sampleShippingLabelView(): ShippingLabelViewInput {
  return {
    language: 'en',
    issuedAt: '2026-03-05T09:30:00Z',
    issuer,
    shipFrom,
    shipTo,
    carrier: { name: 'DHL Freight', service: 'Eurapid', scac: 'DHLF' },
    trackingNumber: 'JVGL0624598812345',
    package: { number: 1, count: 2 },
    weight: { value: '12.4', unit: 'kg' },
    orderNumber: 'SO-2026-001188',
    purchaseOrder: 'PO-88213',
    shipmentNumber: 'SHP-2026-000417',
    shipDate: '2026-03-05',
    sscc: '106141411234567897',
  };
}

export function sampleBillOfLadingView(): BillOfLadingViewInput {
  return {
    language: 'en',
    locale: 'en-US',
    issuedAt: '2026-03-05T14:00:00Z',
    issuer: 'Duely Demo Distribution Inc.',
    bolNumber: 'BOL-2026-000093',
    date: '2026-03-05',
    shipFrom: {
      name: 'Duely Demo Distribution Inc.',
      address: ['Dock 7, 4400 Commerce Parkway', 'Columbus, OH 43228', 'USA'],
      phone: '+1 614 555 0134',
      sid: 'SID-0042',
    },
    shipTo: {
      name: 'Great Lakes Packaging Supply LLC',
      address: ['Receiving', '1250 W Fulton Market', 'Chicago, IL 60607', 'USA'],
      contact: 'Attn. Maria Lopez',
      cid: 'CID-88213',
      locationNumber: 'DC-12',
    },
    thirdPartyBillTo: {
      name: 'FreightPay Audit Services',
      address: ['PO Box 4410', 'Dallas, TX 75201', 'USA'],
    },
    carrier: { name: 'Old Dominion Freight Line', scac: 'ODFL' },
    proNumber: '07512345678',
    trailerNumber: 'TRL 53-1187',
    sealNumbers: ['SL-449102', 'SL-449103'],
    freightTerms: 'third_party',
    specialInstructions:
      'Liftgate required at delivery. Appointment: call receiving 24 h ahead. Do not double stack.',
    weightUnit: 'lb',
    customerOrders: [
      {
        orderNumber: 'SO-2026-001188',
        packages: 18,
        weight: '842',
        palletSlip: true,
        additionalInfo: 'PO 88213 · Dept 40',
      },
      { orderNumber: 'SO-2026-001194', packages: 6, weight: '311.5', palletSlip: false },
    ],
    handlingUnits: [
      {
        handlingQuantity: 2,
        handlingType: 'PLT',
        packageQuantity: 18,
        packageType: 'CTN',
        weight: '842',
        description: 'Plastic film, stretch wrap, in rolls',
        nmfc: '156600-03',
        freightClass: '70',
      },
      {
        handlingQuantity: 1,
        handlingType: 'PLT',
        packageQuantity: 6,
        packageType: 'CTN',
        weight: '311.5',
        hazardous: false,
        description: 'Corrugated boxes, knocked down flat',
        nmfc: '29300',
        freightClass: '55',
      },
    ],
    cod: { amount: '1250.00', currency: 'USD', feeTerms: 'collect', customerCheckAcceptable: true },
    trailerLoadedBy: 'shipper',
    freightCountedBy: 'driver_pallets',
    shipperSignature: { name: 'Tom Becker', date: '2026-03-05' },
  };
}
