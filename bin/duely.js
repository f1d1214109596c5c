#!/usr/bin/env node
// Runs the compiled CLI; `npm install` builds it (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('Duely is not built yet: run `npm run build` (npm install does it) first.\n');
  process.exit(3);
}
await import(entry);
