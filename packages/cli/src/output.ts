/**
 * What a command prints. Results go to stdout — JSON with `--json`, text otherwise — and
 * everything meant for a person watching (progress, warnings, notes) goes to stderr, so
 * `chatshare share file.json | pbcopy` copies only the link.
 */
import type { Io } from './io.js';

export class Output {
  constructor(
    readonly io: Io,
    readonly json: boolean,
  ) {}

  /** The command's result: `data` as JSON with --json, else the text lines. */
  result(data: unknown, lines: string[] | (() => string[])): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else for (const line of typeof lines === 'function' ? lines() : lines) this.io.stdout.write(`${line}\n`);
  }

  /** A line for the person at the terminal (skipped with --json, where stdout is for machines). */
  note(line: string): void {
    if (!this.json) this.io.stderr.write(`${line}\n`);
  }

  /** A warning matters in both modes: it goes to stderr either way. */
  warn(line: string): void {
    this.io.stderr.write(`warning: ${line}\n`);
  }
}

/** `1234567` -> `1,234,567`, the same on every machine (no locale surprises in tests and logs). */
export const count = (value: number) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const plural = (value: number, one: string, many = `${one}s`) => `${count(value)} ${value === 1 ? one : many}`;
