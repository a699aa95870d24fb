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
