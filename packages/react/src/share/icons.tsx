/**
 * The few icons the share kit draws, inline so a host app needs no icon font or sprite.
 * They are decoration: every one sits next to text that says the same thing.
 */
import type { SharePrivacy } from '@chatshare/client';
import { createElement, type ReactElement, type ReactNode } from 'react';

const SVG_PROPS = {
  className: 'cs-icon',
  viewBox: '0 0 24 24',
  width: '20',
  height: '20',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: '1.8',
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': 'true',
  focusable: 'false',
} as const;

/** An icon drawing `shapes` (in a 24-unit box, stroked in the text colour). */
function icon(...shapes: ReactElement[]): () => ReactNode {
  // The shapes as separate children (not one array), so they need no keys.
  return function Icon() {
    return createElement('svg', SVG_PROPS, ...shapes);
  };
}

export const GlobeIcon = icon(
  <circle cx="12" cy="12" r="9" />,
  <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />,
);

export const LinkIcon = icon(
  <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1" />,
  <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1" />,
);

export const LockIcon = icon(<rect x="5" y="11" width="14" height="10" rx="2" />, <path d="M8 11V7a4 4 0 0 1 8 0v4" />);

export const CopyIcon = icon(<rect x="9" y="9" width="11" height="11" rx="2" />, <path d="M5 15V5a2 2 0 0 1 2-2h8" />);

export const CloseIcon = icon(<path d="M6 6l12 12M18 6L6 18" />);

export const WarningIcon = icon(<path d="M12 3l10 18H2L12 3z" />, <path d="M12 10v5M12 18h.01" />);

/** The icon for each privacy level. */
export const PRIVACY_ICONS: Record<SharePrivacy, () => ReactNode> = {
  public: GlobeIcon,
  unlisted: LinkIcon,
  private: LockIcon,
};
