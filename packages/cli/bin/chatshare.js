#!/usr/bin/env node
// The `chatshare` command: built JavaScript only (dist/ is made by `npm run build:cli` in the
// repository, by `npm start` there, and before `npm pack`, so an installed package has it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('chatshare is not built: run `npm run build:cli` in the repository first.');
  process.exit(1);
}
await import(entry.href);
