/**
 * Everything the owner app's build reads: its own sources, the kit and the SDK it bundles
 * (and core, which they import), and the lockfile (dependency versions).
 */
export const WEB_BUILD_INPUTS = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/publish.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/react/src',
  'packages/react/package.json',
  'packages/client/src',
  'packages/core/src',
  'packages/core/package.json',
  'packages/client/package.json',
  'package-lock.json',
];
