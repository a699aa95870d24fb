/**
 * Where the view's stylesheet lives: a server reads it from here, a bundler can import
 * `@chatshare/react/styles.css` instead.
 */
export const conversationStylesheetUrl = new URL('./conversation.css', import.meta.url);
