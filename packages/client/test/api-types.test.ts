import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from '../scripts/render-api-types.js';

it('keeps src/api-types.ts as the generator makes it from the server schemas', async () => {
  const committed = await readFile(API_TYPES_FILE, 'utf8');
  expect(committed, 'run `npm run generate -w @chatshare/client` and commit src/api-types.ts').toBe(
    await renderApiTypes(),
  );
});

it('publishes types that import nothing from the server', async () => {
  const committed = await readFile(API_TYPES_FILE, 'utf8');
  const sources = [...committed.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
  expect(sources).toEqual(['@chatshare/core']);
});
