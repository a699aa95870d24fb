/**
 * Once per test run, before any test file: the owner app and the `chatshare` command are built
 * if stale, so the tests that run the command or serve the app (CLI, `npm start`, browsers)
 * test the built files, as production runs them.
 */
import { ensureCliBuilt } from '../packages/cli/build/ensure-build.js';

export default async function setup(): Promise<void> {
  await ensureCliBuilt({ log: (line) => console.log(line) });
}
