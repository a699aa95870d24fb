import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const modeAfterImport = (env: Record<string, string>) =>
  execFileSync(
    process.execPath,
    [
      '--conditions=@chatshare/source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "await import('./packages/server/src/production.ts'); console.log(process.env.NODE_ENV)",
    ],
    { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  ).trim();

describe('npm start', () => {
  it('runs in production mode unless NODE_ENV says otherwise', () => {
    expect(modeAfterImport({})).toBe('production');
    expect(modeAfterImport({ NODE_ENV: 'development' })).toBe('development');
  });

  it('sets the mode before anything else loads (React reads it once, at import)', () => {
    const main = readFileSync(new URL('../../src/main.ts', import.meta.url), 'utf8');
    expect(main.match(/^import .*$/m)?.[0]).toBe("import './production.js';");
  });
});
