#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build:cli` (run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/piecrust-inspector.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'piecrust-inspector is not built yet: run `npm run build:cli` in the repository\n',
  );
  process.exit(3);
}
await import(bundle.href);
