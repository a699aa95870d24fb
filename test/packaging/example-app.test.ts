/**
 * examples/chat-app as an outside developer gets it, once with React 19 and once with React
 * 18.3: installed from the packed tarballs into a temp folder, type-checked against the
 * installed .d.ts, built (one copy of React in the bundle), then served by `vite preview` in
 * front of a real chatshare server and driven in Chromium: chat, share, update, stop sharing.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { lstat, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../packages/server/test/helpers/api.js';
import { seriousViolations } from '../../packages/web/test/helpers.js';
import {
  hasChromium,
  launchBrowser,
  screenshot,
  watch,
  type PageEvents,
} from '../../packages/server/test/browser/browser.js';
import {
  bundleSources,
  copyExample,
  installedPackages,
  log,
  npmInstall,
  packageRoots,
  NOT_INSTALLED,
  REPO_ROOT,
  resolveFrom,
  run,
  typecheck,
  type ExampleProject,
  type ReactVariant,
} from './example-project.js';
import { runVite, startChatshare, startPreview, type Chatshare, type Preview } from './example-servers.js';
import { packTarballs } from './packs.js';

const LONG = 240_000;

const VARIANTS: ReactVariant[] = [
  // React as the example has it.
  { name: 'React 19', overrides: {} },
  // The oldest React the kit's peer range allows.
  {
    name: 'React 18.3',
    overrides: { react: '18.3', 'react-dom': '18.3', '@types/react': '18', '@types/react-dom': '18' },
  },
];

const EXPECTED_REACT = { 'React 19': /^19\./, 'React 18.3': /^18\.3\./ } as Record<string, RegExp>;

/** No page error, no alert; console errors only for the 4xx answers the app expects (a link not made yet, a 404 page). */
function expectQuiet(events: PageEvents) {
  expect(events.errors).toEqual([]);
  expect(events.dialogs).toEqual([]);
  expect(events.calls).toEqual([]);
  expect(events.console.filter((line) => line.startsWith('error') && !/status of 4\d\d /.test(line))).toEqual([]);
  // The development build of React greets the console: the bundle must be the production one.
  expect(events.console.filter((line) => line.includes('React DevTools'))).toEqual([]);
}

/** A stand-in for chatshare that answers with the headers it received, and tries to set a cookie. */
async function startHeaderEcho(): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.setHeader('set-cookie', 'cs_session=planted; Path=/');
    response.end(JSON.stringify({ url: request.url, headers: request.headers }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let chatshare: Chatshare;
let browser: Browser;

beforeAll(async () => {
  chatshare = await startChatshare();
  if (hasChromium) browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chatshare?.close();
});

describe.each(VARIANTS)('examples/chat-app with $name', (variant) => {
  let project: ExampleProject | undefined;
  let preview: Preview | undefined;
  let checking: Promise<{ code: number; output: string }> | undefined;
  const started = Date.now();
  const step = (line: string) => log(`${variant.name}: ${line} (${Math.round((Date.now() - started) / 1000)} s)`);

  const dir = () => {
    if (!project) throw new Error('the project was not installed (see the first test of this group)');
    return project.dir;
  };

  afterAll(async () => {
    await preview?.close();
    // tsc reads the folder until it is done.
    await checking?.catch(() => undefined);
    await project?.remove();
    step('done');
  });

  it(
    'installs from the packed tarballs, with nothing resolved inside the repository',
    async () => {
      step('packing the tarballs…');
      const packs = await packTarballs();
      project = await copyExample(packs, variant);
      expect(project.dir.startsWith(`${REPO_ROOT}/`)).toBe(false);
      step(`installing into ${project.dir}…`);
      await npmInstall(project.dir);

      // The kit resolves to its built entry inside the temp project (not src/, not a workspace link).
      const entry = await resolveFrom(project.dir, '@chatshare/react');
      expect(entry).toBe(path.join(project.dir, 'node_modules/@chatshare/react/dist/index.js'));
      const manifest = createRequire(path.join(project.dir, 'package.json')).resolve('@chatshare/react/package.json');
      expect(manifest).toBe(path.join(project.dir, 'node_modules/@chatshare/react/package.json'));
      for (const name of ['core', 'client', 'react']) {
        expect((await lstat(path.join(project.dir, 'node_modules/@chatshare', name))).isSymbolicLink()).toBe(false);
      }

      const installed = await installedPackages(project.dir);
      expect(installed.length).toBeGreaterThan(10);
      for (const item of installed) {
        expect(item.path.startsWith(`${project.dir}/node_modules/`), `${item.name} at ${item.path}`).toBe(true);
        // The tarballs themselves live in the repository's .packs/; nothing else may come from it.
        if (item.name.startsWith('@chatshare/')) expect(item.resolved, item.name).toMatch(/^file:.*\.tgz$/);
        else expect(item.resolved, item.name).not.toContain(REPO_ROOT);
      }
      const copies = (name: string) => installed.filter((item) => item.name === name).map((item) => item.path);
      // The kit's own dependency on core and client is met by the same tarballs; React once.
      for (const name of ['@chatshare/core', '@chatshare/client', '@chatshare/react', 'react', 'react-dom']) {
        expect(copies(name), name).toHaveLength(1);
      }
      expect(copies(NOT_INSTALLED)).toHaveLength(0);

      const version = async (name: string) =>
        (
          JSON.parse(await readFile(path.join(project!.dir, 'node_modules', name, 'package.json'), 'utf8')) as {
            version: string;
          }
        ).version;
      expect(await version('react')).toMatch(EXPECTED_REACT[variant.name]!);
      expect(await version('react-dom')).toMatch(EXPECTED_REACT[variant.name]!);
      step('installed; type-checking in the background…');
      // tsc takes most of a minute (checking typebox's declarations): it runs while the build
      // and the browser do their part, and the last test of the group waits for it.
      checking = typecheck(project.dir);
      checking.catch(() => undefined);
    },
    LONG,
  );

  it(
    'builds a bundle with one copy of React and nothing from the repository',
    async () => {
      step('building…');
      // The app's own build script (tsc --noEmit && vite build), with source maps to count from.
      // NODE_ENV as a developer's shell has it (unset means production), not vitest's "test".
      await run('npm', ['run', 'build'], { cwd: dir(), env: { BUILD_SOURCEMAP: '1', NODE_ENV: 'production' } });
      const sources = await bundleSources(dir());
      expect(sources.filter((file) => file.includes(REPO_ROOT))).toEqual([]);
      // The main modules of react and react-dom, each exactly once (18: *.production.min.js, 19: *.production.js).
      expect(
        sources.filter((file) => /\/node_modules\/react\/cjs\/react\.production(\.min)?\.js$/.test(file)),
      ).toHaveLength(1);
      expect(
        sources.filter((file) => /\/node_modules\/react-dom\/cjs\/react-dom\.production(\.min)?\.js$/.test(file)),
      ).toHaveLength(1);
      expect(packageRoots(sources, 'react')).toEqual([path.join(dir(), 'node_modules/react')]);
      expect(packageRoots(sources, 'react-dom')).toEqual([path.join(dir(), 'node_modules/react-dom')]);
      // The kit is bundled from its built files, not its TypeScript sources.
      const kit = sources.filter((file) => file.includes('/node_modules/@chatshare/react/'));
      expect(kit.length).toBeGreaterThan(0);
      expect(kit.filter((file) => !file.includes('/node_modules/@chatshare/react/dist/'))).toEqual([]);
      // One stylesheet, the app's (with the kit's share.css it imports): importing the kit does
      // not make the bundler copy the kit's CSS files in beside it.
      const assets = await readdir(path.join(dir(), 'dist', 'assets'));
      expect(assets.filter((name) => name.endsWith('.css'))).toHaveLength(1);
      step('built');
    },
    LONG,
  );

  it(
    'refuses to serve without CHATSHARE_TOKEN',
    async () => {
      const refused = await runVite(dir(), ['preview', '--host', '127.0.0.1', '--port', '0'], {
        CHATSHARE_URL: chatshare.base,
      });
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain('CHATSHARE_TOKEN is not set');
    },
    LONG,
  );

  it(
    'proxies /api/v1 with its own token and drops the browser’s cookie and Authorization',
    async () => {
      const echo = await startHeaderEcho();
      const proxy = await startPreview(dir(), { CHATSHARE_URL: echo.base, CHATSHARE_TOKEN: 'app-token' });
      try {
        const response = await fetch(`${proxy.base}/api/v1/me?x=1`, {
          headers: { authorization: 'Bearer from-the-browser', cookie: 'cs_session=from-the-browser; other=1' },
        });
        const seen = (await response.json()) as { url: string; headers: IncomingHttpHeaders };
        expect(seen.url).toBe('/api/v1/me?x=1');
        expect(seen.headers.authorization).toBe('Bearer app-token');
        expect(seen.headers.cookie).toBeUndefined();
        expect(seen.headers.host).toBe(new URL(echo.base).host);
        expect(response.headers.get('set-cookie')).toBeNull();
        // Only the API path is forwarded.
        expect((await fetch(`${proxy.base}/s/anything`)).headers.get('content-type')).toContain('text/html');
      } finally {
        await proxy.close();
        await new Promise((resolve) => echo.server.close(resolve));
      }
    },
    LONG,
  );

  it.skipIf(!hasChromium)(
    'shares a chat from the app: create a link, update it with a new message, stop sharing',
    async () => {
      step('serving with vite preview…');
      // Its own account, so what this group finds on the server is what this group's app sent.
      const user = await chatshare.newUser();
      preview = await startPreview(dir(), { CHATSHARE_URL: chatshare.base, CHATSHARE_TOKEN: user.token });

      const appContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const viewerContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const app = await appContext.newPage();
        const viewer = await viewerContext.newPage();
        app.setDefaultTimeout(15_000);
        viewer.setDefaultTimeout(15_000);
        const appEvents = await watch(app);
        const viewerEvents = await watch(viewer);
        const sentHeaders: string[] = [];
        app.on('request', (request) => {
          const auth = request.headers().authorization;
          if (auth) sentHeaders.push(`${request.url()}: ${auth}`);
        });
        const slug = variant.name.replace(/\W+/g, '-').toLowerCase();

        await app.goto(preview.base);
        await expect(app.getByText('Stand-in assistant.', { exact: false }).first().isVisible()).resolves.toBe(true);
        await send(app, 'How do I share a conversation from my app?', 'Stand-in reply 1.');
        expect(await seriousViolations(app), 'axe: the app').toEqual([]);

        step('creating the link…');
        await app.getByRole('button', { name: 'Share', exact: true }).click();
        const dialog = app.getByRole('dialog');
        await dialog.getByRole('radio', { name: /Anyone with the link/ }).check();
        await dialog.getByRole('button', { name: 'Create link' }).click();
        await dialog.getByText('The link is ready.').waitFor();
        const link = await dialog.getByLabel('Link', { exact: true }).inputValue();
        expect(link).toMatch(new RegExp(`^${chatshare.base}/s/[A-Za-z0-9]{10,}$`));
        await screenshot(app, `example-app-${slug}-dialog`);
        expect(await seriousViolations(app), 'axe: the app with the dialog open').toEqual([]);

        const first = await viewer.goto(link);
        expect(first?.status()).toBe(200);
        await viewer.getByText('How do I share a conversation from my app?').first().waitFor();
        // The stand-in's markdown is rendered: a list item and a code block.
        await viewer.locator('li', { hasText: 'suggest sharing this chat with the' }).first().waitFor();
        await viewer.locator('pre', { hasText: 'console.log(message.length)' }).first().waitFor();
        await screenshot(viewer, `example-app-${slug}-shared`);

        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(await app.evaluate(() => document.activeElement?.textContent)).toBe('Share');
        await app.getByRole('link', { name: /Shared link/ }).waitFor();

        step('updating the link…');
        await send(app, 'And after a new message?', 'Stand-in reply 2.');
        // A link is a snapshot: the new message is not there until the link is updated.
        await viewer.reload();
        await viewer.getByText('How do I share a conversation from my app?').first().waitFor();
        expect(await viewer.getByText('And after a new message?').count()).toBe(0);

        await app.getByRole('button', { name: 'Share', exact: true }).click();
        expect(await dialog.getByLabel('Link', { exact: true }).inputValue()).toBe(link);
        await dialog.getByRole('button', { name: 'Update link' }).click();
        await dialog.getByText('Link updated.', { exact: false }).waitFor();
        await viewer.reload();
        await viewer.getByText('And after a new message?').first().waitFor();
        await viewer.getByText('Stand-in reply 2.', { exact: false }).first().waitFor();

        // One chatshare conversation per local chat, holding every message once.
        const list = await call(chatshare.t.app, 'GET', '/api/v1/conversations', { auth: user.bearer });
        const conversations = (list.json() as { items: { id: string; title: string }[] }).items;
        expect(conversations.map((item) => item.title)).toEqual(['How do I share a conversation from my app?']);
        const stored = await call(chatshare.t.app, 'GET', `/api/v1/conversations/${conversations[0]!.id}`, {
          auth: user.bearer,
        });
        expect((stored.json() as { messages: unknown[] }).messages).toHaveLength(4);

        step('stopping sharing…');
        await dialog.getByRole('button', { name: 'Stop sharing' }).click();
        await dialog.getByRole('button', { name: 'Yes, stop sharing' }).click();
        await dialog.getByText('Sharing stopped.', { exact: false }).waitFor();
        const gone = await viewer.reload();
        expect(gone?.status()).toBe(404);
        await dialog.getByRole('button', { name: 'Close' }).click();
        expect(await app.getByRole('link', { name: /Shared link/ }).count()).toBe(0);

        // The chats survive a reload (localStorage), with the chatshare id remembered.
        await app.reload();
        await app.getByRole('button', { name: /How do I share a conversation from my app\?/ }).waitFor();
        await app.getByText('Stand-in reply 2.', { exact: false }).first().waitFor();

        expect(sentHeaders, 'the browser sent an Authorization header').toEqual([]);
        expectQuiet(await appEvents());
        expectQuiet(await viewerEvents());
      } finally {
        await appContext.close();
        await viewerContext.close();
      }
      step('shared, updated and stopped');
    },
    LONG,
  );
  it(
    'type-checks against the installed .d.ts, library checks on',
    async () => {
      if (!checking) throw new Error('the project was not installed (see the first test of this group)');
      const tsc = await checking;
      step('type-checked');
      expect(tsc.output, 'tsc errors').toBe('');
      expect(tsc.code).toBe(0);
    },
    LONG,
  );
});

/** Types a message, sends it with Enter, and waits for the stand-in's reply. */
async function send(page: Page, text: string, reply: string) {
  const field = page.getByLabel('Message', { exact: true });
  await field.fill(text);
  await field.press('Enter');
  await page.locator('.message-user', { hasText: text }).waitFor();
  await page.locator('.message-assistant', { hasText: reply }).waitFor();
  expect(await field.inputValue()).toBe('');
}
