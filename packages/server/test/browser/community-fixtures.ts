/**
 * The third site of the community publishing browser test: pages on another origin that try
 * to push a conversation into a /publish page, a /publish that redirects elsewhere, and a
 * page that runs the kit's handshake module on its own.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ts from 'typescript';

const HANDSHAKE_SOURCE = new URL('../../../react/src/share/community-handshake.ts', import.meta.url);

/** A snapshot with hostile content, as a stranger would post it. */
export const STRANGER_CONVERSATION = {
  format: 1,
  title: 'A conversation from a stranger',
  models: [],
  messages: [
    {
      id: 'm1',
      parentId: null,
      role: 'user',
      parts: [{ type: 'text', text: 'Injected <img src=x onerror="pwned=1">' }],
    },
  ],
};

const payloadScript = `const payload = { type: 'chatshare:publish', conversation: ${JSON.stringify(STRANGER_CONVERSATION)}, models: [] };`;

/** Opens `target`/publish and, once it says it is loaded, posts a conversation to it as its opener. */
const openerPage = (target: string) => `<!doctype html><meta charset="utf-8"><title>opener</title>
<button id="go">Open</button>
<script>
${payloadScript}
document.getElementById('go').onclick = () => {
  const tab = window.open(${JSON.stringify(`${target}/publish`)}, '_blank');
  window.addEventListener('message', (event) => {
    if (event.source !== tab || !event.data || event.data.type !== 'chatshare:loaded') return;
    tab.postMessage(payload, event.origin);
    document.title = 'posted';
  });
};
</script>`;

/**
 * Opens `target`/publish, then has a frame of this same origin (a window that is not the
 * opener) post the conversation to it.
 */
const relayPage = (target: string) => `<!doctype html><meta charset="utf-8"><title>relay</title>
<button id="go">Open</button>
<iframe id="relay" src="/relay-frame.html"></iframe>
<script>
document.getElementById('go').onclick = () => {
  const tab = window.open(${JSON.stringify(`${target}/publish`)}, '_blank');
  window.addEventListener('message', (event) => {
    if (event.source !== tab || !event.data || event.data.type !== 'chatshare:loaded') return;
    document.getElementById('relay').contentWindow.send(tab, event.origin);
    document.title = 'posted';
  });
};
</script>`;

const relayFrame = `<!doctype html><meta charset="utf-8"><script>
${payloadScript}
window.send = (tab, origin) => tab.postMessage(payload, origin);
</script>`;

/** Loads the kit's handshake module as is (transpiled only) and exposes it to the test. */
const senderPage = `<!doctype html><meta charset="utf-8"><title>sender</title>
<button id="go">Publish</button>
<script type="module">
import { publishToCommunity } from '/community-handshake.js';
window.startHandshake = (communityUrl, timeoutMs) => new Promise((resolve) => {
  document.getElementById('go').onclick = () => {
    const payload = { conversation: { format: 1, title: 'Secret plans', models: [], messages: [] }, models: [] };
    resolve(publishToCommunity({ communityUrl, payload, timeoutMs }));
  };
});
document.title = 'ready';
</script>`;

export interface ThirdSite {
  base: string;
  close(): Promise<void>;
}

/** Starts the third site on 127.0.0.1; its /publish redirects to `redirectTo`/publish. */
export async function startThirdSite(targets: Record<string, string>, redirectTo: string): Promise<ThirdSite> {
  const module = ts.transpileModule(await readFile(HANDSHAKE_SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://third.invalid');
    const target = targets[url.searchParams.get('target') ?? ''] ?? '';
    const html = (body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (url.pathname === '/opener.html') return html(openerPage(target));
    if (url.pathname === '/relay.html') return html(relayPage(target));
    if (url.pathname === '/relay-frame.html') return html(relayFrame);
    if (url.pathname === '/sender.html') return html(senderPage);
    if (url.pathname === '/community-handshake.js') {
      return response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(module);
    }
    if (url.pathname === '/publish') return response.writeHead(302, { location: `${redirectTo}/publish` }).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
