import { AppError } from '../errors.js';

/**
 * A file, or one conversation inside it, could not be read. `path` points into the input,
 * for example `conversations[3].mapping.abc.message.content`, so people can find the spot.
 */
export class ImportError extends AppError {
  readonly path: string;

  constructor(path: string, message: string) {
    super(400, 'import_failed', path ? `${path}: ${message}` : message, { path });
    this.name = 'ImportError';
    this.path = path;
  }
}

export const isImportError = (error: unknown): error is ImportError => error instanceof ImportError;
