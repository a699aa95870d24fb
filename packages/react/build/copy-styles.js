// tsc emits JavaScript and types only: the kit's stylesheets are copied beside them, at the same
// relative paths, so `new URL('./share.css', import.meta.url)` finds them in dist/ as in src/.
import { cpSync } from 'node:fs';

cpSync(new URL('../src/', import.meta.url), new URL('../dist/', import.meta.url), {
  recursive: true,
  filter: (source) => !/\.[cm]?tsx?$/.test(source),
});
