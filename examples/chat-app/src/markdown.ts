/**
 * Just enough markdown for the local thread: paragraphs, "- " lists, fenced code, **bold** and
 * `code`. The shared page renders full markdown (ConversationView in @chatshare/react); a real
 * app would use the same renderer in both places. Output is data, never HTML strings.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'code'; language: string; text: string };

export type Inline = { type: 'text' | 'strong' | 'code'; text: string };

const FENCE = /^```\s*([\w+-]*)\s*$/;
const ITEM = /^\s*[-*]\s+(.*)$/;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = FENCE.exec(line);
    const item = ITEM.exec(line);
    if (fence) {
      endParagraph();
      const code: string[] = [];
      // An unclosed fence runs to the end, as in CommonMark.
      while (++index < lines.length && !FENCE.test(lines[index]!)) code.push(lines[index]!);
      blocks.push({ type: 'code', language: fence[1] ?? '', text: code.join('\n') });
    } else if (item) {
      endParagraph();
      const previous = blocks.at(-1);
      if (previous?.type === 'list' && lines[index - 1] !== '') previous.items.push(item[1]!);
      else blocks.push({ type: 'list', items: [item[1]!] });
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks;
}

export function parseInline(text: string): Inline[] {
  return text
    .split(/(\*\*[^*]+\*\*|`[^`]+`)/)
    .filter((piece) => piece !== '')
    .map((piece) =>
      piece.startsWith('**') && piece.endsWith('**') && piece.length > 4
        ? { type: 'strong', text: piece.slice(2, -2) }
        : piece.startsWith('`') && piece.endsWith('`') && piece.length > 2
          ? { type: 'code', text: piece.slice(1, -1) }
          : { type: 'text', text: piece },
    );
}
