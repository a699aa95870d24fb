/**
 * Writes src/api-types.ts from the server's route schemas: `npm run generate -w @chatshare/client`.
 * The SDK ships the written file, so its users never type-check against server code.
 */
import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, renderApiTypes } from './render-api-types.js';

await writeFile(API_TYPES_FILE, await renderApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
