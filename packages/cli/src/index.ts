/** The command as a library: run it with your own streams, or reuse the import runner. */
export { createProgram, run } from './program.js';
export { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
export { runImport, openSource, type ImportReport, type ImportSource, type RunImportOptions } from './import-runner.js';
export type { Io } from './io.js';
