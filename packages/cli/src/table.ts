/** Plain-text tables: columns padded with spaces, no box drawing, so they read well in logs too. */
import stringWidth from 'string-width';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Longer values are cut with "…". */
  maxWidth?: number;
  align?: 'left' | 'right';
}

/** Width in terminal cells: two for CJK and emoji, none for combining marks. */
const width = (text: string) => stringWidth(text);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function fit(text: string, maxWidth: number | undefined): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (maxWidth === undefined || width(oneLine) <= maxWidth) return oneLine;
  // Whole characters up to the width, keeping one cell for the ellipsis.
  let cut = '';
  let used = 0;
  for (const { segment } of graphemes.segment(oneLine)) {
    const cells = width(segment);
    if (used + cells > maxWidth - 1) break;
    cut += segment;
    used += cells;
  }
  return `${cut}…`;
}

export function formatTable<T>(columns: Column<T>[], rows: readonly T[]): string[] {
  const cells = rows.map((row) => columns.map((column) => fit(column.value(row), column.maxWidth)));
  const widths = columns.map((column, i) => Math.max(width(column.header), ...cells.map((line) => width(line[i]!))));
  const render = (line: string[]) =>
    line
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return columns[i]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)];
}
