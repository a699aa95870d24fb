/**
 * The process's streams and environment, passed to commands rather than read from globals so
 * the shape of every side effect is visible in one place.
 */
import type { Env } from './config.js';

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Env;
}

export const processIo = (): Io => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/** Colors and other escape codes only for a terminal, and never with NO_COLOR set. */
export const wantsColor = (io: Io, stream: 'stdout' | 'stderr') =>
  io[stream].isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
