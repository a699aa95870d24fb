// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../src/index.js';

/** Stubs the browser's clipboard (the API boundary) for one test. */
function stubClipboard(clipboard: Partial<Clipboard> | undefined) {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
}

function field(value: string) {
  const input = document.createElement('input');
  input.value = value;
  document.body.append(input);
  return input;
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
  Reflect.deleteProperty(document, 'execCommand');
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('copyText', () => {
  it('writes a known text with writeText', async () => {
    const writeText = vi.fn(async () => undefined);
    stubClipboard({ writeText });
    expect(await copyText('https://chat.example/s/abc')).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('https://chat.example/s/abc');
  });

  it('hands a text that is not known yet to a ClipboardItem at once, as Safari requires', async () => {
    const made: unknown[] = [];
    vi.stubGlobal(
      'ClipboardItem',
      class {
        constructor(data: Record<string, Promise<Blob>>) {
          made.push(data['text/plain']);
        }
      },
    );
    const write = vi.fn(async () => undefined);
    stubClipboard({ write, writeText: vi.fn() });
    let resolve!: (url: string) => void;
    const copying = copyText(new Promise<string>((done) => (resolve = done)));
    // Written synchronously, before the text exists.
    expect(write).toHaveBeenCalledTimes(1);
    expect(made[0]).toBeInstanceOf(Promise);
    resolve('https://chat.example/s/late');
    expect(await copying).toBe('copied');
  });

  it('falls back to writeText when the ClipboardItem write is refused', async () => {
    vi.stubGlobal('ClipboardItem', class {});
    const writeText = vi.fn(async () => undefined);
    stubClipboard({ write: vi.fn(async () => Promise.reject(new Error('NotAllowedError'))), writeText });
    expect(await copyText(Promise.resolve('https://chat.example/s/x'))).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('https://chat.example/s/x');
  });

  it('selects the field for a manual copy when the clipboard refuses', async () => {
    stubClipboard({ writeText: vi.fn(async () => Promise.reject(new Error('denied'))) });
    const input = field('https://chat.example/s/abc');
    expect(await copyText(input.value, input)).toBe('selected');
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
  });

  it('uses the legacy copy command where there is no clipboard API (plain http)', async () => {
    stubClipboard(undefined);
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    const input = field('http://192.168.1.5:3000/s/abc');
    expect(await copyText(input.value, input)).toBe('copied');
    expect(execCommand).toHaveBeenCalledWith('copy');
  });

  it('reports failure when nothing works and there is no field to select', async () => {
    stubClipboard(undefined);
    expect(await copyText('https://chat.example/s/abc')).toBe('failed');
    expect(await copyText(Promise.reject(new Error('no link')))).toBe('failed');
  });
});
