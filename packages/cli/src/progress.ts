/**
 * Import progress on stderr. On a terminal, one line redrawn in place (at most ten times a
 * second) with a bar when the size is known. Elsewhere (a log, a CI job, a pipe) no control
 * characters at all: one plain line every `PLAIN_EVERY` conversations, so a long import still
 * shows it is alive without flooding the log.
 */
import type { Io } from './io.js';
import { count } from './output.js';

export const PLAIN_EVERY = 500;
const REDRAW_MS = 100;
/** Nothing is drawn until the import has run this long past its first conversation, so a
 * file with one chat in it never flashes a progress line. */
const FIRST_DRAW_MS = 250;
const BAR_WIDTH = 20;

export interface ProgressState {
  imported: number;
  skipped: number;
  /** Bytes of the file read so far, and its size when known. */
  bytesRead: number;
  totalBytes: number | undefined;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Removes the live line (terminal) before the summary is printed. */
  finish(): void;
}

const rate = (imported: number, startedAt: number, now: number) => {
  const seconds = (now - startedAt) / 1000;
  return seconds > 0 ? imported / seconds : 0;
};

export function createProgress(io: Io, clock: () => number = () => performance.now()): Progress {
  const startedAt = clock();
  if (io.stderr.isTTY === true) return terminalProgress(io, startedAt, clock);
  let nextLine = PLAIN_EVERY;
  return {
    update(state) {
      if (state.imported < nextLine) return;
      nextLine = (Math.floor(state.imported / PLAIN_EVERY) + 1) * PLAIN_EVERY;
      const perSecond = rate(state.imported, startedAt, clock());
      io.stderr.write(
        `imported ${count(state.imported)} conversations (${count(perSecond)}/s, ${count(state.skipped)} skipped)\n`,
      );
    },
    finish() {},
  };
}

function terminalProgress(io: Io, startedAt: number, clock: () => number): Progress {
  let lastDraw = -Infinity;
  let firstUpdate: number | undefined;
  let drawn = false;
  return {
    update(state) {
      const now = clock();
      firstUpdate ??= now;
      if (now - firstUpdate < FIRST_DRAW_MS || now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      const parts = [
        `${count(state.imported)} conversations`,
        `${count(rate(state.imported, startedAt, now))}/s`,
        `${count(state.skipped)} skipped`,
      ];
      if (state.totalBytes) {
        const share = Math.min(1, state.bytesRead / state.totalBytes);
        const filled = Math.round(share * BAR_WIDTH);
        parts.unshift(`[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}%`);
      }
      // A line wider than the terminal wraps and \r could no longer redraw it: cut it. (A
      // terminal that does not say its width reports 0.)
      const line = `importing ${parts.join('  ')}`.slice(0, Math.max(20, (io.stderr.columns || 80) - 1));
      // \r returns to the start of the line, ESC[K clears what a longer earlier line left.
      io.stderr.write(`\r\x1b[K${line}`);
    },
    finish() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}
