#!/usr/bin/env node
// The `chatshare` command: built JavaScript only (dist/ is made by `npm run build -w @chatshare/cli`,
// by `npm start` in the repository, and before `npm pack`).
try {
  await import('../dist/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('/dist/main.js')) {
    console.error('chatshare is not built: run `npm run build:cli` in the repository first.');
    process.exit(1);
  }
  throw error;
}
