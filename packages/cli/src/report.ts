/** The end-of-import summary, as text: what got in, what was skipped and why, how long it took. */
import type { ImportReport } from './import-runner.js';
import { count, plural } from './output.js';

/** Beyond this many, imported conversations are counted rather than listed (--json lists all). */
const LISTED = 20;

export function summaryLines(report: ImportReport): string[] {
  const total = report.imported.length + report.skipped.length;
  const of = report.skipped.length > 0 ? `${count(report.imported.length)} of ${count(total)}` : count(total);
  const format = report.format ? ` (${report.format})` : '';
  const lines = [
    `imported ${of} ${total === 1 ? 'conversation' : 'conversations'} from ${report.file}${format} in ${report.seconds.toFixed(2)} s`,
  ];
  for (const item of report.imported.slice(0, LISTED)) {
    lines.push(`  ${item.id}  ${item.title} (${plural(item.messageCount, 'message')})`);
  }
  if (report.imported.length > LISTED)
    lines.push(`  … and ${count(report.imported.length - LISTED)} more (--json lists them all)`);
  if (report.skipped.length > 0) {
    lines.push(`skipped ${count(report.skipped.length)}:`);
    for (const skip of report.skipped) {
      const title = skip.title ? ` ("${skip.title}")` : '';
      lines.push(`  #${skip.index} at ${skip.path || 'the top'}: ${skip.reason}${title}`);
    }
  }
  return lines;
}
