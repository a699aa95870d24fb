import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS, LIMITS } from '@chatshare/core';
import { codeFromLink } from '../src/commands/revoke.js';
import { CORE_LIMITS, FORMATS } from '../src/core-values.js';
import type { Io } from '../src/io.js';
import { parseEmails, parseExpires, parsePositiveInteger } from '../src/options.js';
import { createProgress, PLAIN_EVERY } from '../src/progress.js';
import { formatTable } from '../src/table.js';

function fakeIo(tty: boolean) {
  let written = '';
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  stderr.on('data', (chunk: Buffer) => void (written += chunk.toString()));
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {} } as unknown as Io;
  return { io, written: () => written };
}

describe('progress', () => {
  it('redraws one line in place on a terminal, with a bar when the size is known', async () => {
    const { io, written } = fakeIo(true);
    let now = 0;
    const progress = createProgress(io, () => now);
    now = 1000; // the first conversation: too early to draw
    progress.update({ imported: 1, skipped: 0, bytesRead: 1, totalBytes: 100 });
    now = 2000;
    progress.update({ imported: 100, skipped: 2, bytesRead: 50, totalBytes: 100 });
    now = 2050; // within the redraw interval: not drawn
    progress.update({ imported: 101, skipped: 2, bytesRead: 51, totalBytes: 100 });
    progress.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe(
      `\r\x1b[Kimporting [${'█'.repeat(10)}${'░'.repeat(10)}] 50%  100 conversations  50/s  2 skipped\r\x1b[K`,
    );
  });

  it('draws nothing on a terminal for an import that is over at once', async () => {
    const { io, written } = fakeIo(true);
    const progress = createProgress(io, () => 5000);
    progress.update({ imported: 1, skipped: 0, bytesRead: 10, totalBytes: 10 });
    progress.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('');
  });

  it('prints a plain line every few hundred conversations elsewhere', async () => {
    const { io, written } = fakeIo(false);
    let now = 0;
    const progress = createProgress(io, () => now);
    for (let imported = 1; imported <= PLAIN_EVERY * 2 + 10; imported++) {
      now += 10;
      progress.update({ imported, skipped: 0, bytesRead: 0, totalBytes: undefined });
    }
    progress.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe(
      'imported 500 conversations (100/s, 0 skipped)\nimported 1,000 conversations (100/s, 0 skipped)\n',
    );
  });
});

describe('option values', () => {
  it.each([
    ['1h', 1],
    ['24h', 24],
    ['7d', 168],
    ['30d', 720],
    ['2w', 336],
    ['90m', 1.5],
    ['36', 36],
    ['0.5', 0.5],
    ['never', 'never'],
    ['NEVER', 'never'],
  ])('reads --expires %s', (text, hours) => {
    expect(parseExpires(text)).toBe(hours);
  });

  it.each(['0', '0h', '-1h', '3y', 'soon', '', `${24 * 365 * 11}h`])('refuses --expires %j', (text) => {
    expect(() => parseExpires(text)).toThrow();
  });

  it('reads whole numbers in range only', () => {
    const parse = parsePositiveInteger(10);
    expect(parse('10')).toBe(10);
    for (const text of ['0', '11', '1.5', 'x', '']) expect(() => parse(text)).toThrow();
  });

  it('reads comma-separated emails and adds repeated options up', () => {
    expect(parseEmails('a@x.org, b@y.org', ['c@z.org'])).toEqual(['c@z.org', 'a@x.org', 'b@y.org']);
    expect(() => parseEmails('a@x.org,nope')).toThrow(/"nope"/);
    expect(() => parseEmails(' , ')).toThrow();
  });
});

describe('codeFromLink', () => {
  it.each([
    ['AbC123', 'AbC123'],
    ['https://chat.example.com/s/AbC123', 'AbC123'],
    ['https://chat.example.com/s/AbC123.md', 'AbC123'],
    ['https://chat.example.com/s/AbC123/og.png', 'AbC123'],
    ['http://localhost:3000/embed/AbC123?theme=dark', 'AbC123'],
  ])('finds the code in %s', (link, code) => {
    expect(codeFromLink(link)).toBe(code);
  });

  it.each(['https://chat.example.com/app', 'a b', 'abc/def'])('refuses %s', (link) => {
    expect(() => codeFromLink(link)).toThrow();
  });
});

describe('formatTable', () => {
  it('pads columns, aligns numbers right and cuts long values', () => {
    const rows = [
      { name: 'short', views: 5 },
      { name: 'a much longer name than allowed', views: 1234 },
    ];
    const lines = formatTable(
      [
        { header: 'NAME', value: (row) => row.name, maxWidth: 12 },
        { header: 'VIEWS', value: (row) => String(row.views), align: 'right' },
      ],
      rows,
    );
    expect(lines).toEqual(['NAME          VIEWS', 'short             5', 'a much long…   1234']);
  });

  it('aligns titles in Chinese, Japanese and with emoji by their width on screen', () => {
    const rows = [
      { title: 'Plain', views: 1 },
      { title: '会议记录', views: 22 },
      { title: 'Launch 🚀 plan', views: 333 },
      { title: '日本語のとても長いタイトルです', views: 4 },
    ];
    const lines = formatTable(
      [
        { header: 'TITLE', value: (row) => row.title, maxWidth: 16 },
        { header: 'VIEWS', value: (row) => String(row.views), align: 'right' },
      ],
      rows,
    );
    // Wide characters take two cells: each VIEWS column ends at the same screen column.
    expect(lines).toEqual([
      'TITLE            VIEWS',
      'Plain                1',
      '会议记录            22',
      'Launch 🚀 plan     333',
      '日本語のとても…      4',
    ]);
  });
});

describe('core values', () => {
  it("match core's, including the ones the compiler cannot check", () => {
    expect([...FORMATS]).toEqual([...IMPORT_FORMATS]);
    for (const [name, value] of Object.entries(CORE_LIMITS)) expect(LIMITS[name as keyof typeof LIMITS]).toBe(value);
  });
});
