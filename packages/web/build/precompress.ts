/**
 * Writes `.br` and `.gz` copies of the built text files, once at build time, so the server
 * sends compressed bytes without compressing on every request (@fastify/static `preCompressed`).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const TEXT = /\.(?:js|css|html|svg|json|txt)$/;
/** Below this, compression saves less than the headers it costs. */
const MIN_BYTES = 1024;

export async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !TEXT.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (bytes.length < MIN_BYTES) continue;
    await writeFile(`${file}.gz`, await gz(bytes, { level: 9 }));
    await writeFile(
      `${file}.br`,
      await brotli(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
  }
}
