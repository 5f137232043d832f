/**
 * How large a file may be, in bytes, stated once. Telegram lets a bot download files up to 20 MB
 * (getFile) and upload up to 50 MB, photos up to 10 MB. What Botyard keeps must be sendable, so
 * nothing larger than an upload is stored.
 */
export const FILE_LIMITS = {
  /** A file a user sends, downloaded from Telegram. */
  receivedBytes: 20 * 1024 * 1024,
  /** A file the app makes or someone uploads in the panel, and any file sent as a document or voice. */
  storedBytes: 50 * 1024 * 1024,
  /** A file sent with sendPhoto. */
  photoBytes: 10 * 1024 * 1024,
} as const;

/** Megabytes, as the messages about limits say them (25 MB, 20 MB). */
export function megabytes(bytes: number): number {
  return Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
}

/** A file over a limit: nothing was stored or sent. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  readonly size: number;
  readonly limit: number;
  constructor(size: number, limit: number, what: string) {
    super(`${what} is ${megabytes(size)} MB; the limit is ${megabytes(limit)} MB`);
    this.size = size;
    this.limit = limit;
  }
}
