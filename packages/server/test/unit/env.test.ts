import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/env.js';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'chatshare-env-'));

describe('loadConfig', () => {
  it('has working defaults and generates a session secret into DATA_DIR once', async () => {
    const dir = await tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: null,
      enableSignup: true,
    });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'session-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
    expect((await readFile(file, 'utf8')).trim()).toBe(config.sessionSecret);
  });

  it('derives PUBLIC_URL from PORT and trims a trailing slash', async () => {
    const dir = await tempDir();
    expect(loadConfig({ DATA_DIR: dir, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe(
      'https://chat.example.com',
    );
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        PUBLIC_URL: 'ftp://x',
        DATABASE_URL: 'mysql://x',
        SESSION_SECRET: 'short',
        ENABLE_SIGNUP: 'maybe',
        LOG_LEVEL: 'loud',
        ENABLE_COMMUNITY_SHARING: 'true',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'PUBLIC_URL',
      'DATABASE_URL',
      'SESSION_SECRET',
      'ENABLE_SIGNUP',
      'LOG_LEVEL',
      'COMMUNITY_URL',
    ]) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('accepts the documented boolean spellings', async () => {
    const dir = await tempDir();
    expect(loadConfig({ DATA_DIR: dir, ENABLE_SIGNUP: 'off' }).enableSignup).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, ENABLE_SIGNUP: 'YES' }).enableSignup).toBe(true);
  });
});

describe('CORS_ORIGINS', () => {
  /** The problems loadConfig reports (a temp DATA_DIR, so a wrongly accepted value writes nothing here). */
  const problemsOf = async (env: Record<string, string>) => {
    try {
      loadConfig({ DATA_DIR: await tempDir(), ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('is empty by default and when set to nothing', async () => {
    const dir = await tempDir();
    expect(loadConfig({ DATA_DIR: dir }).corsOrigins).toEqual([]);
    expect(loadConfig({ DATA_DIR: dir, CORS_ORIGINS: ' , ' }).corsOrigins).toEqual([]);
  });

  it('normalises each origin as a browser sends it: lower case, no default port, one trailing slash dropped', async () => {
    const dir = await tempDir();
    const value =
      'HTTPS://Chat.Example.com, http://127.0.0.1:5173 ,https://a.example:443/,http://b.example:80,' +
      'https://c.example:8443,https://bücher.example,http://[::1]:3001,https://chat.example.com';
    expect(loadConfig({ DATA_DIR: dir, CORS_ORIGINS: value }).corsOrigins).toEqual([
      'https://chat.example.com',
      'http://127.0.0.1:5173',
      'https://a.example',
      'http://b.example',
      'https://c.example:8443',
      'https://xn--bcher-kva.example',
      'http://[::1]:3001',
    ]);
  });

  it.each([
    ['example.com', 'is not an origin like https://chat.example.com'],
    ['https://a.example https://b.example', 'is not an origin'],
    ['ftp://x', 'must start with http:// or https://'],
    ['localhost:5173', 'must start with http:// or https://'],
    ['https://a.example/app', 'without a path, query or fragment'],
    ['https://a.example//', 'without a path, query or fragment'],
    ['https://a.example?x=1', 'without a path, query or fragment'],
    ['https://a.example/#top', 'without a path, query or fragment'],
    ['https://a.example?', 'without a path, query or fragment'],
    ['https://user:pass@a.example', 'must not contain a user name or password'],
    ['https://@a.example', 'must not contain a user name or password'],
    ['*', 'is a wildcard, never allowed'],
    ['https://*.example.com', 'is a wildcard, never allowed'],
  ])('refuses %s with a readable message', async (value, message) => {
    const problems = await problemsOf({ CORS_ORIGINS: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`CORS_ORIGINS: "${value}"`);
    expect(problems[0]).toContain(message);
  });

  it('says why a wildcard is refused: listed origins act with the cookie', async () => {
    expect((await problemsOf({ CORS_ORIGINS: '*' }))[0]).toMatch(/cookie .*\(credentials\)/);
  });

  it('reports every bad entry at once, in the one list with the other problems', async () => {
    const problems = await problemsOf({
      PORT: 'eighty',
      CORS_ORIGINS: 'https://ok.example,ftp://x,https://a.example/app,*',
    });
    expect(problems.filter((problem) => problem.startsWith('CORS_ORIGINS'))).toHaveLength(3);
    expect(problems.some((problem) => problem.startsWith('PORT'))).toBe(true);
  });

  it('shares its parser with COMMUNITY_ALLOWED_ORIGINS, whose wildcard advice fits that variable', async () => {
    const dir = await tempDir();
    expect(
      loadConfig({ DATA_DIR: dir, COMMUNITY_ALLOWED_ORIGINS: 'HTTPS://Hub.Example/' }).communityAllowedOrigins,
    ).toEqual(['https://hub.example']);
    expect(() => loadConfig({ DATA_DIR: dir, COMMUNITY_ALLOWED_ORIGINS: '*' })).toThrow(/unset to accept any origin/);
  });
});
