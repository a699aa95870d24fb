/**
 * Offers the image of a shared conversation (`…/s/:code/image.png`): "Copy image" puts the
 * PNG on the clipboard where the browser can (the async Clipboard API with a `ClipboardItem`
 * of `image/png`), otherwise, or when copying is refused, "Download" saves it. The fetch is
 * handed to the `ClipboardItem` as a promise, so the write starts inside the click, as
 * Safari requires.
 */
import { useEffect, useState } from 'react';
import { useShareI18n } from './i18n/index.js';
import { CopyIcon } from './icons.js';

/** The component's strings; an app's i18next keys `share.image.*` (namespace `chatshare`) win. */
export const SHARE_IMAGE_STRINGS = {
  en: {
    'share.image.copy': 'Copy image',
    'share.image.copying': 'Copying the image…',
    'share.image.copied': 'The image is on the clipboard.',
    'share.image.download': 'Download image',
    'share.image.failed': 'Copying did not work. Download the image instead.',
  },
  de: {
    'share.image.copy': 'Bild kopieren',
    'share.image.copying': 'Das Bild wird kopiert …',
    'share.image.copied': 'Das Bild ist in der Zwischenablage.',
    'share.image.download': 'Bild herunterladen',
    'share.image.failed': 'Kopieren hat nicht geklappt. Lade das Bild stattdessen herunter.',
  },
} as const;

type ImageStringKey = keyof (typeof SHARE_IMAGE_STRINGS)['en'];

export interface ShareImageButtonProps {
  /** The image's address, e.g. `https://chat.example.com/s/AbC123/image.png?theme=dark`. */
  src: string;
  /** The downloaded file's name. */
  fileName?: string;
  /** Fetches the image (an app's own, for a proxy); the browser's `fetch` by default. */
  fetchImage?: (src: string) => Promise<Blob>;
}

export type ImageCopyState = 'idle' | 'copying' | 'copied' | 'failed';

/** Whether this browser can put a PNG on the clipboard. */
export function canCopyImage(): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.clipboard?.write !== 'function') return false;
  if (typeof ClipboardItem !== 'function') return false;
  // Browsers that know `supports` say whether they take PNGs; the others (older Safari) do.
  const supports = (ClipboardItem as { supports?: (type: string) => boolean }).supports;
  return typeof supports === 'function' ? supports('image/png') : true;
}

async function fetchPng(src: string): Promise<Blob> {
  const response = await fetch(src, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`image answered ${response.status}`);
  const blob = await response.blob();
  // The clipboard takes only the type it was promised.
  return blob.type === 'image/png' ? blob : new Blob([blob], { type: 'image/png' });
}

/**
 * @example <ShareImageButton src={`${shareUrl}/image.png`} fileName="lisbon.png" />
 */
export function ShareImageButton({ src, fileName = 'conversation.png', fetchImage = fetchPng }: ShareImageButtonProps) {
  const { t, language } = useShareI18n();
  // Known only in the browser: the server's render offers the download, which works everywhere.
  const [copyable, setCopyable] = useState(false);
  const [state, setState] = useState<ImageCopyState>('idle');
  useEffect(() => setCopyable(canCopyImage()), []);

  const local = language.toLowerCase().startsWith('de') ? SHARE_IMAGE_STRINGS.de : SHARE_IMAGE_STRINGS.en;
  const text = (key: ImageStringKey) => {
    const translated = t(key);
    return translated && translated !== key ? translated : local[key];
  };

  const copy = () => {
    setState('copying');
    const image = fetchImage(src);
    // A refusal may come before the image is read: its failure is then this one, not another.
    image.catch(() => undefined);
    // Started synchronously in the click; the browser waits for the blob inside the item.
    navigator.clipboard
      .write([new ClipboardItem({ 'image/png': image })])
      .then(() => setState('copied'))
      .catch(() => setState('failed'));
  };

  const status = state === 'idle' ? '' : text(`share.image.${state}`);
  return (
    <div className="cs-image-share">
      {copyable && state !== 'failed' ? (
        <button type="button" className="cs-button" onClick={copy} disabled={state === 'copying'}>
          <CopyIcon />
          <span>{text('share.image.copy')}</span>
        </button>
      ) : (
        <a className="cs-button" href={src} download={fileName}>
          <span>{text('share.image.download')}</span>
        </a>
      )}
      <p className="cs-copy-status" role="status">
        {status}
      </p>
    </div>
  );
}
