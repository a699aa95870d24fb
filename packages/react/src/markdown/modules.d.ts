// Type declarations for packages that ship none.
declare module 'markdown-it-task-lists' {
  import type MarkdownIt from 'markdown-it';
  const taskLists: (md: MarkdownIt, options?: { enabled?: boolean; label?: boolean; labelAfter?: boolean }) => void;
  export default taskLists;
}

declare module 'highlight.js/lib/common' {
  import hljs from 'highlight.js';
  export default hljs;
}
