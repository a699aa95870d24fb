/** Cleaning for one-line fields people type (titles, names): no control characters, folded spaces. */

// C0 and C1 control characters (tab, newline and the like become spaces first).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` on one line: whitespace folded to single spaces, control characters removed, trimmed. */
export const cleanLine = (text: string): string => text.replace(/\s+/g, ' ').replace(CONTROL, '').trim();
