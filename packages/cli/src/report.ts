/** The end-of-import summary, as text: what got in, what was skipped and why, how long it took. */
import type { ImportedConversation, ImportReport } from './import-runner.js';
import { count, plural } from './output.js';

/** Beyond this many, imported conversations are counted rather than listed (--json lists all). */
const LISTED = 20;

/** "12 messages" or "12 messages, 3 branches": the counts the owner app shows. */
const counts = (item: ImportedConversation) =>
  item.branchCount > 1
    ? `${plural(item.messageCount, 'message')}, ${plural(item.branchCount, 'branch', 'branches')}`
    : plural(item.messageCount, 'message');

const listed = (items: ImportedConversation[]) => {
  const lines = items.slice(0, LISTED).map((item) => `  ${item.id}  ${item.title} (${counts(item)})`);
  if (items.length > LISTED) lines.push(`  … and ${count(items.length - LISTED)} more (--json lists them all)`);
  return lines;
};

export function summaryLines(report: ImportReport): string[] {
  const total = report.imported.length + report.updated.length + report.skipped.length;
  const of = total > report.imported.length ? `${count(report.imported.length)} of ${count(total)}` : count(total);
  const format = report.format ? ` (${report.format})` : '';
  const lines = [
    `imported ${of} ${total === 1 ? 'conversation' : 'conversations'} from ${report.file}${format} in ${report.seconds.toFixed(2)} s`,
    ...listed(report.imported),
  ];
  if (report.updated.length > 0) lines.push(`updated ${count(report.updated.length)}:`, ...listed(report.updated));
  const before = report.skipped.filter((skip) => skip.code);
  const unreadable = report.skipped.filter((skip) => !skip.code);
  if (before.length > 0) {
    lines.push(`already imported ${count(before.length)}:`);
    for (const skip of before) lines.push(`  #${skip.index}${skip.title ? ` ("${skip.title}")` : ''}: ${skip.reason}`);
  }
  if (unreadable.length > 0) {
    lines.push(`skipped ${count(unreadable.length)}:`);
    for (const skip of unreadable) {
      const title = skip.title ? ` ("${skip.title}")` : '';
      lines.push(`  #${skip.index} at ${skip.path || 'the top'}: ${skip.reason}${title}`);
    }
  }
  return lines;
}
