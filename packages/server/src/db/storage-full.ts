/**
 * A full disk (or database) is no bug of ours and no client mistake: writes answer
 * `507 storage_full` so the client may retry later, the operator finds the database's own
 * error in the log, and reads go on as before. Space coming back needs no restart.
 */
import { errors, type AppError } from '@chatshare/core';
import type { FastifyBaseLogger } from 'fastify';

/**
 * SQLite's SQLITE_FULL (also SQLITE_FULL_* extended codes), PostgreSQL's SQLSTATE 53100
 * `disk_full`, and the file system's ENOSPC.
 * @example isStorageFull({ code: 'SQLITE_FULL' }) // true
 */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return code === '53100' || code === 'ENOSPC' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL_');
}

export const storageFull = () => errors.storageFull();

/** For the error handler: the 507 for a full disk, with the real error logged; else undefined. */
export function storageFullError(error: unknown, log: FastifyBaseLogger): AppError | undefined {
  if (!isStorageFull(error)) return undefined;
  log.error({ err: error }, 'storage is full: a write was refused');
  return storageFull();
}
