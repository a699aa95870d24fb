/** What every command's action gets: the process's streams, its options, and a way to exit 5. */
import type { Command } from 'commander';
import type { GlobalOptions } from './connection.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { Output } from './output.js';

export interface Context {
  io: Io;
  /** The exit code when the action returns normally; a partial import sets 5. */
  exitCode: ExitCode;
}

export const createContext = (io: Io): Context => ({ io, exitCode: EXIT.ok });

export interface ActionScope {
  globals: GlobalOptions;
  output: Output;
}

export function scopeOf(context: Context, command: Command): ActionScope {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return { globals, output: new Output(context.io, globals.json === true) };
}
