import { ConversationView, type PreparedConversation, type Translate, type ViewConversation } from '@chatshare/react';
import { CopyLink } from './CopyLink.js';
import { Frame } from './Frame.js';
import type { Locale } from './i18n.js';

export interface SharePageProps {
  conversation: ViewConversation;
  prepared: PreparedConversation;
  shareUrl: string;
  /** The report form's address; null on the owner's own page. */
  reportUrl?: string | null;
  /**
   * The "Save a copy" page (`/s/:code/copy`), given only where the link offers copies (core
   * `canOfferCopy`: the instance, the owner's choice, no view limit); null hides the item.
   */
  copyUrl?: string | null;
  /** The image of chosen messages (`/s/:code/image.png`); null hides the item (a view-limited link). */
  image?: ImageForm | null;
  locale: Locale;
  t: Translate;
}

/** What the "Share as image" form of the reader's menu needs. */
export interface ImageForm {
  /** `/s/:code/image.png`. */
  action: string;
  /** The images' version (og/image-selection.ts), so they are cached like og.png. */
  version: string;
  /** Messages shown on the page: the range the form offers. */
  messageCount: number;
}

/** The body of a shared conversation's page. */
export function SharePage({
  conversation,
  prepared,
  shareUrl,
  reportUrl = null,
  copyUrl = null,
  image = null,
  locale,
  t,
}: SharePageProps) {
  return (
    <Frame t={t} reportUrl={reportUrl}>
      <ConversationView
        conversation={conversation}
        prepared={prepared}
        t={t}
        locale={locale}
        actions={
          <div className="page-actions">
            <CopyLink url={shareUrl} t={t} />
            <ReaderMenu shareUrl={shareUrl} copyUrl={copyUrl} image={image} locale={locale} t={t} />
          </div>
        }
      />
    </Frame>
  );
}

export interface ReaderMenuProps {
  /** The page's public address (PUBLIC_URL + /s/code): the downloads are beside it. */
  shareUrl: string;
  /** The "Save a copy" page (`/s/:code/copy`); null where the link offers no copies. */
  copyUrl: string | null;
  image?: ImageForm | null;
  locale?: Locale;
  t: Translate;
}

/**
 * The reader's menu of a conversation page: "Save a copy", the downloads and printing. A
 * `<details>` disclosure and plain links, so all of it works without JavaScript;
 * the page script only turns the printing hint into a button.
 */
export function ReaderMenu({ shareUrl, copyUrl, image = null, locale = 'en', t }: ReaderMenuProps) {
  // On this site whatever its address: the page may be read through another name than PUBLIC_URL.
  const path = new URL(shareUrl).pathname;
  return (
    <details className="reader-menu">
      <summary className="reader-menu-toggle">{t('page.menu')}</summary>
      <ul className="reader-menu-items">
        {copyUrl ? (
          <li>
            {/* A page of its own with the form: this page's no-referrer policy would strip the form's Origin. */}
            <a className="reader-menu-item" href={copyUrl} rel="nofollow">
              {t('page.saveCopy')}
              <span className="reader-menu-hint">{t('page.saveCopyHint')}</span>
            </a>
          </li>
        ) : null}
        <li>
          <a className="reader-menu-item" href={`${path}.md`} download rel="nofollow">
            {t('page.downloadMarkdown')}
          </a>
        </li>
        <li>
          <a className="reader-menu-item" href={`${path}.json`} download rel="nofollow">
            {t('page.downloadJson')}
          </a>
        </li>
        {image ? <ImageItem image={image} locale={locale} t={t} /> : null}
        <li>
          {/* Revealed by the page script, which also hides the hint: no dead button without it. */}
          <button type="button" className="reader-menu-item" data-print hidden>
            {t('page.print')}
          </button>
          <p className="reader-menu-note" data-print-hint>
            {t('page.printHint')}
          </p>
        </li>
      </ul>
    </details>
  );
}

/**
 * "Share as image": a plain GET form with the range filled in (the first exchange, as the
 * route's default), so it works without JavaScript and never sends an empty number.
 */
function ImageItem({ image, locale, t }: { image: ImageForm; locale: Locale; t: Translate }) {
  const last = Math.max(1, image.messageCount);
  return (
    <li>
      <form className="reader-menu-image" method="get" action={image.action}>
        <input type="hidden" name="v" value={image.version} />
        <input type="hidden" name="lang" value={locale} />
        <span className="reader-menu-image-title">{t('page.image')}</span>
        <label>
          {t('page.imageFrom')}
          <input type="number" name="from" min={1} max={last} defaultValue={1} required />
        </label>
        <label>
          {t('page.imageTo')}
          <input type="number" name="to" min={1} max={last} defaultValue={Math.min(2, last)} required />
        </label>
        <label>
          {t('page.imageTheme')}
          <select name="theme" defaultValue="light">
            <option value="light">{t('page.imageLight')}</option>
            <option value="dark">{t('page.imageDark')}</option>
          </select>
        </label>
        <button type="submit" className="reader-menu-item">
          {t('page.imageMake')}
        </button>
      </form>
    </li>
  );
}
