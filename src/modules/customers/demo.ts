/** Demo customers across countries, currencies and languages, with contacts; safe to run twice (matched by code). */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Progress } from '../module.js';
import { findUserByEmail } from '../users/index.js';
import { createCustomer, findCustomerByCode } from './customers-service.js';
import type { PaymentTerms } from './rules.js';
import type { CreateCustomerInput } from './schemas.js';

type Demo = [
  code: string,
  legalName: string,
  address: [line1: string, postalCode: string | null, city: string, country: string, region?: string],
  language: string,
  currency: string,
  terms: PaymentTerms,
  contact: [name: string, email: string, phone: string],
  extra?: {
    taxId?: string;
    tags?: string[];
    creditLimit?: number;
    notes?: string;
    shipTo?: [string, string, string, string];
  },
];

const net = (days: number): PaymentTerms => ({ kind: 'net', days });
const eom = (days: number): PaymentTerms => ({ kind: 'end_of_month', days });

const DEMO_CUSTOMERS: Demo[] = [
  [
    'C-00001',
    'Boulangeries Martin SAS',
    ['12 rue du Faubourg', '69002', 'Lyon', 'FR'],
    'fr',
    'EUR',
    net(30),
    ['Claire Martin', 'compta@boulangeries-martin.example', '+33 4 78 12 34 56'],
    { taxId: 'FR40303265045', tags: ['retail', 'key-account'], creditLimit: 2_500_000 },
  ],
  [
    'C-00002',
    'Café Lumière SARL',
    ['8 place Bellecour', '69002', 'Lyon', 'FR'],
    'fr',
    'EUR',
    { kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } },
    ['Julien Petit', 'factures@cafe-lumiere.example', '+33 4 72 00 11 22'],
    { taxId: 'FR83404833048', tags: ['horeca'] },
  ],
  [
    'C-00003',
    'Nordsee Handels GmbH',
    ['Hafenstraße 21', '20457', 'Hamburg', 'DE'],
    'de',
    'EUR',
    eom(30),
    ['Anke Schulz', 'buchhaltung@nordsee-handel.example', '+49 40 1234567'],
    { taxId: 'DE811907980', tags: ['wholesale', 'key-account'], creditLimit: 10_000_000 },
  ],
  [
    'C-00004',
    'Alpenblick Hotel AG',
    ['Seestrasse 5', '6006', 'Luzern', 'CH'],
    'de',
    'CHF',
    net(20),
    ['Markus Huber', 'kreditoren@alpenblick.example', '+41 41 555 12 12'],
    { tags: ['horeca'] },
  ],
  [
    'C-00005',
    'De Groene Winkel B.V.',
    ['Prinsengracht 263', '1016 GV', 'Amsterdam', 'NL'],
    'nl',
    'EUR',
    net(14),
    ['Sanne de Vries', 'administratie@groenewinkel.example', '+31 20 555 0101'],
    { taxId: 'NL853746333B01', tags: ['retail'] },
  ],
  [
    'C-00006',
    'Brouwerij Vanderheyden NV',
    ['Grote Markt 3', '9000', 'Gent', 'BE'],
    'nl',
    'EUR',
    eom(45),
    ['Pieter Janssens', 'boekhouding@vanderheyden.example', '+32 9 222 33 44'],
    { taxId: 'BE0403170701', tags: ['wholesale'] },
  ],
  [
    'C-00007',
    'Chocolaterie Dumont SPRL',
    ['Rue Neuve 45', '1000', 'Bruxelles', 'BE'],
    'fr',
    'EUR',
    net(30),
    ['Élodie Dumont', 'comptabilite@dumont-choco.example', '+32 2 511 22 33'],
    { tags: ['retail'] },
  ],
  [
    'C-00008',
    'Distribuciones Iberia S.L.',
    ['Calle de Alcalá 120', '28009', 'Madrid', 'ES'],
    'es',
    'EUR',
    {
      kind: 'instalments',
      parts: [
        { days: 30, percent: 50 },
        { days: 60, percent: 50 },
      ],
    },
    ['Lucía Fernández', 'facturas@iberia-dist.example', '+34 91 555 66 77'],
    { taxId: 'ESB12345674', tags: ['wholesale'], creditLimit: 5_000_000 },
  ],
  [
    'C-00009',
    'Trattoria Bella Vista S.r.l.',
    ['Via Roma 18', '20121', 'Milano', 'IT', 'MI'],
    'it',
    'EUR',
    eom(30),
    ['Giulia Rossi', 'amministrazione@bellavista.example', '+39 02 8888 1234'],
    { taxId: 'IT12345670017', tags: ['horeca'] },
  ],
  [
    'C-00010',
    'Harbour & Co Ltd',
    ['14 Wapping High Street', 'E1W 1NG', 'London', 'GB'],
    'en',
    'GBP',
    net(30),
    ['Oliver Bennett', 'accounts@harbourco.example', '+44 20 7946 0123'],
    { taxId: 'GB980780684', tags: ['wholesale', 'key-account'], creditLimit: 4_000_000 },
  ],
  [
    'C-00011',
    'Highland Provisions Ltd',
    ['22 Union Street', 'AB11 6BD', 'Aberdeen', 'GB'],
    'en',
    'GBP',
    net(45),
    ['Fiona MacLeod', 'ap@highland-provisions.example', '+44 1224 555 010'],
    { tags: ['retail'] },
  ],
  [
    'C-00012',
    'Pacific Coast Grocers Inc.',
    ['500 Market Street', '94105', 'San Francisco', 'US', 'CA'],
    'en',
    'USD',
    net(30),
    ['Emily Chen', 'payables@pacificgrocers.example', '+1 415 555 0188'],
    {
      tags: ['retail', 'export'],
      creditLimit: 7_500_000,
      shipTo: ['2200 Harbor Way', '94804', 'Richmond', 'US'],
    },
  ],
  [
    'C-00013',
    'Great Lakes Foodservice LLC',
    ['1200 W Fulton Market', '60607', 'Chicago', 'US', 'IL'],
    'en',
    'USD',
    { kind: 'net', days: 60, earlyDiscount: { percent: 1.5, days: 15 } },
    ['Michael Johnson', 'invoices@greatlakesfs.example', '+1 312 555 0142'],
    { tags: ['horeca', 'export'] },
  ],
  [
    'C-00014',
    'Maple Leaf Traders Ltd.',
    ['100 King Street West', 'M5X 1A9', 'Toronto', 'CA', 'ON'],
    'en',
    'CAD',
    net(30),
    ['Sophie Tremblay', 'comptes@mapleleaf.example', '+1 416 555 0199'],
    { tags: ['export'] },
  ],
  [
    'C-00015',
    'Sakura Trading K.K.',
    ['1-1 Marunouchi, Chiyoda-ku', '100-0005', 'Tokyo', 'JP'],
    'en',
    'JPY',
    eom(60),
    ['Kenji Watanabe', 'keiri@sakura-trading.example', '+81 3 5555 0100'],
    { tags: ['export'], creditLimit: 3_000_000 },
  ],
  [
    'C-00016',
    'Nordic Kitchen AB',
    ['Drottninggatan 50', '111 21', 'Stockholm', 'SE'],
    'en',
    'SEK',
    net(30),
    ['Erik Lindqvist', 'faktura@nordickitchen.example', '+46 8 555 123 45'],
    { taxId: 'SE556000016701', tags: ['horeca'] },
  ],
  [
    'C-00017',
    'Épicerie Fine Laurent',
    ['3 rue de la République', '13001', 'Marseille', 'FR'],
    'fr',
    'EUR',
    net(30),
    ['Marc Laurent', 'marc@epicerie-laurent.example', '+33 4 91 55 44 33'],
    { tags: ['retail'], notes: 'Delivery before 10:00 only; the street is closed to trucks afterwards.' },
  ],
  [
    'C-00018',
    'Wiener Feinkost GmbH',
    ['Graben 19', '1010', 'Wien', 'AT'],
    'de',
    'EUR',
    eom(30),
    ['Katharina Gruber', 'rechnung@wiener-feinkost.example', '+43 1 555 1919'],
    { taxId: 'ATU13585627', tags: ['retail'] },
  ],
  [
    'C-00019',
    'Gulf Fine Foods W.L.L.',
    ['Block 3, Street 14', null, 'Kuwait City', 'KW'],
    'en',
    'KWD',
    {
      kind: 'instalments',
      parts: [
        { days: 30, percent: 40 },
        { days: 60, percent: 30 },
        { days: 90, percent: 30 },
      ],
    },
    ['Ahmed Al-Sabah', 'finance@gulffinefoods.example', '+965 2222 3333'],
    { tags: ['export'], creditLimit: 15_000_000 },
  ],
  [
    'C-00020',
    'Lisboa Gourmet Lda.',
    ['Rua Augusta 100', '1100-053', 'Lisboa', 'PT'],
    'en',
    'EUR',
    net(30),
    ['Inês Santos', 'contabilidade@lisboagourmet.example', '+351 21 555 0000'],
    { taxId: 'PT501964843', tags: ['retail'] },
  ],
];

export async function seedDemoCustomers(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  const owner = await findUserByEmail(ctx.db, 'sam.sales@example.com');
  const ownerId = owner?.status === 'active' && owner.roles.includes('sales') ? owner.id : null;
  let created = 0;
  for (const [index, demo] of DEMO_CUSTOMERS.entries()) {
    const [
      code,
      legalName,
      [line1, postalCode, city, country, region],
      language,
      currency,
      terms,
      contact,
      extra = {},
    ] = demo;
    if (!(await findCustomerByCode(ctx, code))) {
      const input: CreateCustomerInput = {
        code,
        legalName,
        billingAddress: { line1, line2: null, postalCode, city, region: region ?? null, country },
        shippingAddress: extra.shipTo
          ? {
              line1: extra.shipTo[0],
              line2: null,
              postalCode: extra.shipTo[1],
              city: extra.shipTo[2],
              region: null,
              country: extra.shipTo[3],
            }
          : null,
        language,
        currency,
        paymentTerms: terms,
        creditLimit: extra.creditLimit ?? null,
        taxId: extra.taxId ?? null,
        tags: extra.tags ?? [],
        notes: extra.notes ?? null,
        ownerId: index % 2 === 0 ? ownerId : null,
        contacts: [
          {
            name: contact[0],
            email: contact[1],
            phone: contact[2],
            role: 'Accounts payable',
            receivesInvoices: true,
            receivesReminders: true,
          },
          ...(index % 3 === 0
            ? [
                {
                  name: `Purchasing, ${legalName}`,
                  email: null,
                  phone: contact[2],
                  role: 'Purchasing',
                  receivesInvoices: false,
                  receivesReminders: false,
                },
              ]
            : []),
        ],
      };
      await createCustomer(ctx, actor, input);
      created++;
    }
    progress(`customers: ${index + 1}/${DEMO_CUSTOMERS.length}`);
  }
  progress(`customers: ${created} demo customer(s) created`);
}
