/**
 * The run's one table: every figure as measured, its ratio to the baseline measured in the same
 * run (absolute figures move threefold on this shared machine, ratios far less), the goal and
 * whether it is met. Printed as Markdown, so it can go into bench/RESULTS.md as it is.
 */
export interface Row {
  figure: string;
  measured: string;
  ratio: number;
  goal: { at: 'least' | 'most'; value: number };
}

const met = ({ ratio, goal }: Row) => (goal.at === 'least' ? ratio >= goal.value : ratio <= goal.value);

export function renderTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.figure,
    row.measured,
    Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : '—',
    `${row.goal.at === 'least' ? '≥' : '≤'} ${row.goal.value}`,
    met(row) ? 'met' : 'not met',
  ]);
  const header = ['figure', 'measured', 'ratio', 'goal', 'met'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** "12,345 req/s" */
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en')} req/s`;
/** "1.23 ms" */
export const ms = (value: number) => `${value.toFixed(2)} ms`;
