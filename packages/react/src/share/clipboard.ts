/**
 * Copying a link in every browser the kit meets: the async Clipboard API where it works, a
 * `ClipboardItem` built from a promise where the text is not known yet (Safari only lets a
 * page write to the clipboard if the write starts inside the click, so the write must begin
 * before the text arrives), and selecting the text for the person to copy when neither is
 * available (plain-http self-hosted servers have no `navigator.clipboard` at all).
 */

/** `copied`: on the clipboard; `selected`: the text is selected for a manual copy; `failed`: neither. */
export type CopyOutcome = 'copied' | 'selected' | 'failed';

type Selectable = Pick<HTMLInputElement, 'focus' | 'select' | 'value'> & {
  setSelectionRange?: HTMLInputElement['setSelectionRange'];
};

function clipboardItemCtor(): typeof ClipboardItem | undefined {
  return typeof ClipboardItem === 'function' ? ClipboardItem : undefined;
}

function systemClipboard(): Clipboard | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.clipboard;
}

/** Selects the field's text, and tries the legacy copy command that still works without the API. */
function selectForManualCopy(field: Selectable): CopyOutcome {
  field.focus();
  field.select();
  field.setSelectionRange?.(0, field.value.length);
  const legacy = (document as Document & { execCommand?: (command: string) => boolean }).execCommand;
  try {
    if (typeof legacy === 'function' && legacy.call(document, 'copy')) return 'copied';
  } catch {
    // Some browsers throw instead of returning false; the text stays selected either way.
  }
  return 'selected';
}

/**
 * Puts `text` on the clipboard. Call it straight from the click handler, without awaiting
 * anything first, so the browser still sees the click. `fallback` is a field showing the
 * same text, selected when the clipboard cannot be used.
 *
 * @example
 * // The link is still being made: Safari accepts the write because it starts in the click.
 * onClick={() => void copyText(createLink().then((share) => share.shareUrl))}
 */
export async function copyText(text: string | Promise<string>, fallback?: Selectable | null): Promise<CopyOutcome> {
  const clipboard = systemClipboard();
  const Item = clipboardItemCtor();
  if (typeof text !== 'string' && Item && typeof clipboard?.write === 'function') {
    try {
      // Started synchronously; the browser waits for the promise inside the item.
      const blob = text.then((value) => new Blob([value], { type: 'text/plain' }));
      await clipboard.write([new Item({ 'text/plain': blob })]);
      return 'copied';
    } catch {
      // Fall through: writeText may still work, or the field can be selected.
    }
  }
  let value: string;
  try {
    value = await text;
  } catch {
    return 'failed';
  }
  if (typeof clipboard?.writeText === 'function') {
    try {
      await clipboard.writeText(value);
      return 'copied';
    } catch {
      // Denied (permissions, lost user activation): select the text instead.
    }
  }
  return fallback ? selectForManualCopy(fallback) : 'failed';
}

/** The copy shortcut to mention when the text is selected for a manual copy. */
export function copyShortcut(): string {
  const platform = typeof navigator === 'undefined' ? '' : navigator.platform || navigator.userAgent;
  return /Mac|iPhone|iPad|iPod/.test(platform) ? '⌘C' : 'Ctrl+C';
}
