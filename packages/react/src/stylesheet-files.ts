/**
 * Where the kit's stylesheets are on disk, for a server that reads or inlines them (Node):
 * `import { conversationStylesheetUrl } from '@chatshare/react/stylesheet-files'`. An entry
 * point of its own, because a bundler that meets `new URL('./x.css', import.meta.url)` copies
 * the file into the app's build: apps import `@chatshare/react/styles.css` or `/share.css`.
 */
/** The design tokens both stylesheets import (`@import './tokens.css'` and `'../styles/tokens.css'`). */
export const tokensStylesheetUrl = new URL('./styles/tokens.css', import.meta.url);
export const conversationStylesheetUrl = new URL('./styles/conversation.css', import.meta.url);
export const shareStylesheetUrl = new URL('./share/share.css', import.meta.url);
