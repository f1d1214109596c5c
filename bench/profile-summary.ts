/**
 * Summarises a V8 CPU profile (as written by `npm run bench:http -- --profile <dir>`):
 * self time per function, self time per package/source folder, and inclusive time of the functions
 * whose names match --focus.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 30] [--focus name1,name2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, focus: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  process.stderr.write(
    'Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 30] [--focus a,b]\n',
  );
  process.exit(2);
}
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: the delta that follows it (V8's convention).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return '(native/V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/work\/[^/]+\/(src\/[^:]+|bench\/[^:]+)/.exec(url) ?? /((?:src|bench)\/.+)$/.exec(url);
  if (src) return src[1]!.replace(/\/[^/]+$/, '/');
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

const label = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'}  ${where(f)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  selfByFunction.set(label(frame), (selfByFunction.get(label(frame)) ?? 0) + us);
  const place =
    frame.functionName === '(garbage collector)'
      ? '(garbage collector)'
      : frame.functionName === '(idle)'
        ? '(idle)'
        : where(frame);
  selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + us);
}

const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
};

process.stdout.write(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled\n`);
print('Self time by package / source folder', selfByPlace);
print('Self time by function', selfByFunction);

if (values.focus) {
  // Inclusive time: a sample counts once for each focused function on its stack.
  const names = values.focus.split(',').map((s) => s.trim());
  const inclusive = new Map<string, number>(names.map((n) => [n, 0]));
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (inclusive.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, inclusive.get(fn)! + us);
      }
    }
  }
  print('Inclusive time of focused functions', inclusive);
}
