/**
 * Highlighted matches travel from the database as text wrapped in two private-use characters
 * (never present in indexed text: `stripMarks` removes them first), and leave the server as
 * segments. Nothing is ever turned into HTML here: the page renders each segment as text.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface TextSegment {
  text: string;
  match: boolean;
}

export const stripMarks = (text: string): string => text.replace(/[\uE000\uE001]/g, '');

/** `a\uE000b\uE001c` → [{a}, {b, match}, {c}]; unbalanced marks end at the end of the text. */
export function toSegments(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === MARK_START || char === MARK_END) {
      push();
      match = char === MARK_START;
    } else {
      text += char;
    }
  }
  push();
  return segments;
}
