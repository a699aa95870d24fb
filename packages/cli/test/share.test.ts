import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Share } from '@chatshare/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideOnSecrets } from '../src/commands/share-secrets.js';
import { EXIT } from '../src/exit-codes.js';
import type { Io } from '../src/io.js';
import { Output } from '../src/output.js';
import { boundCli, CONTROL_CHARACTERS, FIXTURES, type BoundCli } from './helpers/cli.js';
import { contentOf } from '../../client/test/helpers/content.js';
import { createAccount, startServer, type TestAccount, type TestServer } from './helpers/server.js';

const CLAUDE = path.join(FIXTURES, 'claude/own_claude-export.json');
const CHATGPT_WITH_A_BROKEN_ONE = path.join(FIXTURES, 'chatgpt/librechat-fixture_chatgpt-modern-export.json');
const LINK = /^(http:\/\/127\.0\.0\.1:\d+)\/s\/([A-Za-z0-9]+)$/;

let server: TestServer;
let scratch: string;
let withSecret: string;

beforeAll(async () => {
  server = await startServer();
  scratch = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-share-'));
  withSecret = path.join(scratch, 'secret.json');
  await writeFile(
    withSecret,
    JSON.stringify([
      { role: 'user', content: 'Why does my key sk-proj-abcdefghijklmnopqrstuvwxyz0123 not work?' },
      { role: 'assistant', content: 'Rotate it: it is now public.' },
    ]),
  );
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

async function signedIn(): Promise<{ cli: BoundCli; account: TestAccount }> {
  const account = await createAccount(server);
  const cli = await boundCli({ CHATSHARE_URL: server.url, CHATSHARE_TOKEN: account.token });
  return { cli, account };
}

const codeOf = (link: string) => LINK.exec(link)?.[2];

describe('chatshare share', () => {
  it('imports a file and shares it behind a password from stdin, expiring in 24 hours, with a QR code', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['share', CLAUDE, '--password-stdin', '--expires', '24h', '--qr'], {
      input: 'open sesame\n',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const [link, ...qr] = result.stdout.trimEnd().split('\n');
    expect(link).toMatch(LINK);
    expect(link!.startsWith(server.url)).toBe(true);
    // The QR block: rows of half-block characters, no escape codes with NO_COLOR.
    expect(qr.length).toBeGreaterThan(10);
    expect(qr.every((row) => /^[ █▀▄]+$/.test(row))).toBe(true);
    expect(result.stdout).not.toMatch(CONTROL_CHARACTERS);

    const code = codeOf(link!)!;
    const viewer = createClient({ baseUrl: server.url });
    await expect(viewer.shared.get(code)).rejects.toMatchObject({ status: 401, code: 'password_required' });
    await expect(viewer.shared.unlock(code, 'wrong')).rejects.toMatchObject({ code: 'wrong_password' });
    await viewer.shared.unlock(code, 'open sesame');
    const shared = contentOf(await viewer.shared.get(code));
    expect(shared.messageCount).toBeGreaterThan(0);

    const { items } = await account.client.shares.list({ code });
    const expiresIn = Date.parse(items[0]!.settings.expiresAt!) - Date.now();
    expect(expiresIn).toBeGreaterThan(23.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);
    await cli.cleanup();
  });

  it('shares a conversation by id with the settings given', async () => {
    const { cli, account } = await signedIn();
    const conversation = await account.client.conversations.create([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi there.' },
    ]);
    const result = await cli([
      'share',
      conversation.id,
      '--json',
      '--emails',
      'ann@example.com,bo@example.com',
      '--max-views',
      '5',
      '--password',
      'pw',
    ]);
    expect(result.code).toBe(EXIT.ok);
    const { shares } = JSON.parse(result.stdout) as { shares: Share[] };
    expect(shares).toHaveLength(1);
    expect(shares[0]!.settings).toMatchObject({
      conversationId: conversation.id,
      privacy: 'private',
      allowedEmails: ['ann@example.com', 'bo@example.com'],
      maxViews: 5,
      hasPassword: true,
      expiresAt: null,
    });
    // Sharing again keeps the link and applies the new settings.
    const again = await cli(['share', conversation.id, '--privacy', 'public', '--expires', 'never']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout.trim()).toBe(shares[0]!.shareUrl);
    await cli.cleanup();
  });

  it('shares every conversation of a file and exits 5 when some were skipped', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['share', CHATGPT_WITH_A_BROKEN_ONE]);
    expect(result.code).toBe(EXIT.partial);
    const links = result.stdout.trim().split('\n');
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toMatch(LINK);
    expect(result.stderr).toMatch(/^ {2}#1 at \[1\]\.mapping: /m);
    const { items } = await account.client.shares.list();
    expect(items.map((share) => share.shareUrl).sort()).toEqual([...links].sort());
    await cli.cleanup();
  });

  it('refuses, when not on a terminal, to share secrets nobody decided about: exit 2 and no link', async () => {
    const { cli, account } = await signedIn();
    const result = await cli(['share', withSecret]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe('');
    const [conversation] = (await account.client.conversations.list()).items;
    // The title is made from the first message, so the key is in both.
    expect(result.stderr).toContain(`warning: conversation ${conversation!.id} may contain 2 secrets:`);
    expect(result.stderr).toContain('OpenAI API key sk-p…0123 in title');
    expect(result.stderr).toContain('OpenAI API key sk-p…0123 in messages[0]');
    expect(result.stderr).toMatch(/--redact.*--allow-secrets.*\(secrets_decision_required\)\n$/);
    expect(result.stderr).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123');
    expect((await account.client.shares.list()).items).toEqual([]);
    await expect(account.client.shares.forConversation(conversation!.id)).rejects.toMatchObject({
      code: 'share_not_found',
    });

    // By id, the same.
    const again = await cli(['share', conversation!.id]);
    expect(again.code).toBe(EXIT.usage);
    expect(again.stderr).toContain('(secrets_decision_required)');
    expect((await account.client.shares.list()).items).toEqual([]);
    await cli.cleanup();
  });

  it('replaces the secrets in the shared copy with --redact', async () => {
    const { cli } = await signedIn();
    const redacted = await cli(['share', withSecret, '--redact']);
    expect(redacted.code).toBe(EXIT.ok);
    expect(redacted.stderr).toMatch(/^replaced 2 possible secrets in the shared copy of http/m);
    const shared = await createClient({ baseUrl: server.url }).shared.get(codeOf(redacted.stdout.trim())!);
    const text = JSON.stringify(shared);
    expect(text).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123');
    expect(text).toContain('REDACTED');
    await cli.cleanup();
  });

  it('shares the secrets as written with --allow-secrets, and refuses it together with --redact', async () => {
    const { cli, account } = await signedIn();
    const plain = await cli(['share', withSecret, '--allow-secrets']);
    expect(plain.code).toBe(EXIT.ok);
    expect(plain.stdout.trim()).toMatch(LINK);
    expect(plain.stderr).toContain('shares 2 possible secrets as written');
    const shared = await createClient({ baseUrl: server.url }).shared.get(codeOf(plain.stdout.trim())!);
    expect(JSON.stringify(shared)).toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123');

    const both = await cli(['share', withSecret, '--redact', '--allow-secrets']);
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toMatch(/not both \(usage_error\)\n$/);
    expect((await account.client.conversations.list()).items).toHaveLength(1);
    await cli.cleanup();
  });

  it('gives exit 4 for an unknown conversation id or a missing file', async () => {
    const { cli } = await signedIn();
    const unknown = await cli(['share', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.stderr).toMatch(/^error: Conversation not found\. \(conversation_not_found\)\n$/);

    const missing = await cli(['share', path.join(scratch, 'missing.json')]);
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toContain('(file_not_found)');
    await cli.cleanup();
  });

  it.each([
    [['--expires', '3y'], /--expires/],
    [['--privacy', 'secret'], /--privacy/],
    [['--max-views', '0'], /--max-views/],
    [['--emails', 'not-an-email'], /not an email address/],
    [['--emails', 'a@example.com', '--privacy', 'public'], /--emails is for private links/],
    [['--password', 'x', '--password-stdin'], /give the password once/],
  ])('refuses %j as a usage error (exit 2) before sending anything', async (args, message) => {
    const { cli, account } = await signedIn();
    const result = await cli(['share', CLAUDE, ...args], { input: 'pw' });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\(usage_error\)$/m);
    expect((await account.client.conversations.list()).items).toEqual([]);
    await cli.cleanup();
  });
});

/** An Io whose stdin is a terminal answering `answer`. */
function terminal(answer: string): { io: Io; stderr: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = new PassThrough();
  let written = '';
  stderr.on('data', (chunk: Buffer) => (written += chunk.toString()));
  stdin.end(answer);
  const io: Io = { stdin, stdout: new PassThrough(), stderr, env: {} };
  return { io, stderr: () => written };
}

describe('the secrets decision', () => {
  const findings = [
    {
      conversationId: 'c1',
      warnings: [
        { kind: 'openai_key', label: 'OpenAI API key', preview: 'sk-p…0123', location: 'title', redacted: false },
      ],
    },
  ];

  it.each([
    ['r\n', true],
    ['redact\n', true],
    ['s\n', false],
  ])('asks on a terminal: %j means redact = %s', async (answer, redact) => {
    const { io, stderr } = terminal(answer);
    expect(await decideOnSecrets(io, new Output(io, false), findings)).toBe(redact);
    expect(stderr()).toContain('warning: conversation c1 may contain 1 secret:');
    expect(stderr()).toContain('Redact and share (r), Share as is (s), or Cancel (c)?');
  });

  it('cancels on any other answer, and refuses without asking when stdin is not a terminal', async () => {
    const { io } = terminal('\n');
    await expect(decideOnSecrets(io, new Output(io, false), findings)).rejects.toMatchObject({ code: 'cancelled' });
    const piped: Io = { ...terminal('r\n').io, stdin: Object.assign(new PassThrough(), { isTTY: false }) };
    await expect(decideOnSecrets(piped, new Output(piped, false), findings)).rejects.toMatchObject({
      code: 'secrets_decision_required',
      exitCode: EXIT.usage,
    });
    expect(await decideOnSecrets(piped, new Output(piped, false), [])).toBeUndefined();
  });
});
