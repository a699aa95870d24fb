export { ConversationView, type ConversationViewProps } from './view/ConversationView.js';
export { ConversationHeader, type ConversationHeaderProps } from './view/ConversationHeader.js';
export {
  prepareConversation,
  type PreparedConversation,
  type PreparedMessage,
  type PreparedPart,
} from './view/prepare.js';
export { englishT, VIEW_STRINGS, type Translate, type ViewStringKey } from './view/strings.js';
export type { ViewConversation, ViewMessage } from './view/types.js';
export { conversationStylesheetUrl } from './styles/index.js';
export {
  codeBlockHtml,
  createMarkdownParser,
  escapeHtml,
  highlightCode,
  installSafeRendering,
  isSafeImageSrc,
  LINK_REL,
  mathStylesheet,
  renderMarkdown,
  safeLinkHref,
  type MarkdownEnv,
  type MathStyles,
} from './markdown/index.js';
