/**
 * `npm run bench:documents` — dispatch documents rendered per second on one core: 4x6 shipping labels
 * (two barcodes each) and packing lists of 10 lines, each rendered in a loop for --seconds, against a
 * reference measured in the same run: an empty one-page PDF through the same `createPdf` (the floor
 * every document pays: fonts registered, document written, content hash). Progress goes to stderr.
 *
 *   npm run bench:documents -- [--seconds 5] [--json]
 */
import { parseArgs } from 'node:util';
import {
  type PackingListViewInput,
  renderPackingList,
  renderShippingLabel,
  type ShippingLabelViewInput,
} from '../src/modules/shipping/documents/index.js';
import {
  samplePackingListView,
  sampleShippingLabelView,
} from '../src/modules/shipping/documents/sample-views.js';
import { createPdf, renderToBuffer } from '../src/platform/pdf/index.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, not "${values.seconds}"`);

interface Result {
  name: string;
  pdfs: number;
  seconds: number;
  pdfsPerSecond: number;
  meanMs: number;
  meanBytes: number;
}

/** Varies the view per iteration (tracking number, order), as a real print run would. */
function labelView(i: number): ShippingLabelViewInput {
  const view = sampleShippingLabelView();
  return {
    ...view,
    trackingNumber: `JVGL${String(624598812345 + i)}`,
    orderNumber: `SO-2026-${String(i).padStart(6, '0')}`,
  };
}

function packingView(i: number): PackingListViewInput {
  const view = samplePackingListView(10, 1);
  return { ...view, shipmentNumber: `SHP-2026-${String(i).padStart(6, '0')}` };
}

async function measure(name: string, render: (i: number) => Promise<Buffer>): Promise<Result> {
  for (let i = 0; i < 20; i++) await render(i); // warm-up: fonts parsed, JIT, caches
  const start = performance.now();
  const end = start + seconds * 1000;
  let pdfs = 0;
  let bytes = 0;
  let nextReport = start + 1000;
  for (let now = start; now < end; now = performance.now()) {
    bytes += (await render(pdfs)).length;
    pdfs++;
    if (now >= nextReport) {
      process.stderr.write(`  ${name}: ${pdfs} PDFs in ${((now - start) / 1000).toFixed(0)} s\n`);
      nextReport += 1000;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  return {
    name,
    pdfs,
    seconds: Number(elapsed.toFixed(2)),
    pdfsPerSecond: Number((pdfs / elapsed).toFixed(1)),
    meanMs: Number(((elapsed * 1000) / pdfs).toFixed(2)),
    meanBytes: Math.round(bytes / pdfs),
  };
}

const meta = { title: 'Empty', author: 'Duely bench', createdAt: '2026-03-05T09:30:00Z' };
process.stderr.write(`Rendering each document for ${seconds} s on one core…\n`);
const results: Result[] = [];
results.push(await measure('reference: empty one-page PDF', () => renderToBuffer(createPdf(meta))));
results.push(await measure('4x6 shipping label', (i) => renderShippingLabel(labelView(i))));
results.push(await measure('packing list, 10 lines', (i) => renderPackingList(packingView(i))));

const AIM = 100;
if (values.json) {
  process.stdout.write(`${JSON.stringify({ seconds, aimPdfsPerSecond: AIM, results }, null, 2)}\n`);
} else {
  const floor = results[0]!.pdfsPerSecond;
  console.log(
    `\n${'document'.padEnd(32)}${'PDFs/s'.padStart(10)}${'ms/PDF'.padStart(10)}${'bytes'.padStart(10)}${'vs floor'.padStart(10)}`,
  );
  for (const r of results) {
    const ratio = `${((r.pdfsPerSecond / floor) * 100).toFixed(0)}%`;
    console.log(
      `${r.name.padEnd(32)}${String(r.pdfsPerSecond).padStart(10)}${String(r.meanMs).padStart(10)}${String(r.meanBytes).padStart(10)}${ratio.padStart(10)}`,
    );
  }
  const slow = results.slice(1).filter((r) => r.pdfsPerSecond < AIM);
  console.log(
    slow.length === 0
      ? `\nAll documents at or above the aim of ${AIM} PDFs/s.`
      : `\nBelow the aim of ${AIM} PDFs/s: ${slow.map((r) => r.name).join(', ')}`,
  );
}
