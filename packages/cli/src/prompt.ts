/**
 * Questions on a terminal (prompts on stderr, so stdout stays the command's result) and
 * secrets from a pipe (`--password-stdin`), which keeps them out of the process list and the
 * shell history. node:readline is loaded by the first question, not by every command.
 */
import { CliError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { Io } from './io.js';

export const isInteractive = (io: Io) => io.stdin.isTTY === true;

/** All of stdin, without one final line ending (what `echo secret |` adds). */
export async function readStdinSecret(io: Io, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw usageError(`no ${what} on stdin`);
  return text;
}

export async function ask(io: Io, question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const lines = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    return (await lines.question(question)).trim();
  } finally {
    lines.close();
  }
}

export async function confirm(io: Io, question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await ask(io, `${question} [y/N] `));
}

/** Reads a line without echoing it. Ctrl-C cancels (exit 1); Ctrl-D ends the line. */
export function askHidden(io: Io, question: string): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') return done(new CliError('cancelled', 'cancelled', EXIT.failure));
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
