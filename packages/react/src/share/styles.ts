/**
 * Where the share kit's stylesheet lives: a server can read it from here, a bundler can
 * import `@chatshare/react/share.css` instead.
 */
export const shareStylesheetUrl = new URL('./share.css', import.meta.url);
