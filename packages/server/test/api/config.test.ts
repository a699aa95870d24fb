import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call } from '../helpers/api.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('GET /api/v1/config', () => {
  it('says community sharing is off, without a URL, by default; anyone may read it and caches may keep it a minute', async () => {
    t = await buildTestApp({ communityUrl: 'https://community.example.com' });
    const response = await call(t.app, 'GET', '/api/v1/config');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.json()).toEqual({
      signupEnabled: true,
      openSharing: true,
      communitySharing: { enabled: false, url: null },
      communityPublishing: { allowedOrigins: [] },
      copies: true,
    });
  });

  it('names the community and the accepted senders when the operator set them', async () => {
    t = await buildTestApp({
      enableCommunitySharing: true,
      communityUrl: 'https://community.example.com',
      communityAllowedOrigins: ['https://a.example', 'https://b.example'],
      enableSignup: false,
      enableOpenSharing: false,
      enableCopies: false,
    });
    expect((await call(t.app, 'GET', '/api/v1/config')).json()).toEqual({
      signupEnabled: false,
      openSharing: false,
      communitySharing: { enabled: true, url: 'https://community.example.com' },
      communityPublishing: { allowedOrigins: ['https://a.example', 'https://b.example'] },
      copies: false,
    });
  });

  it('is in the OpenAPI document', async () => {
    t = await buildTestApp();
    const document = (await call(t.app, 'GET', '/api/docs/json')).json();
    expect(document.paths['/api/v1/config'].get.responses['200']).toBeDefined();
    expect(document.paths['/api/v1/community/publications'].post).toBeDefined();
    expect(document.paths['/api/v1/conversations/{conversationId}/snapshot'].get).toBeDefined();
  });
});
