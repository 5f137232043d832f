import { createHash } from "node:crypto";
import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { PlatformTables, StoredFileTable } from "../db/schema.ts";
import { FILE_LIMITS, FileTooLargeError } from "./limits.ts";

type Reader = Kysely<PlatformTables> | Transaction<PlatformTables>;

/** Whose a file is: the bot, the module (or platform feature) that keeps it, and the person it is from or about. */
export interface FileOwner {
  botId: string;
  module: string;
  personId?: number | null;
}

/** A file the app made (an export, generated audio, an .ics) or someone uploaded. */
export interface NewFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  origin?: "made" | "uploaded";
  /** When the retention prune deletes it; absent or null keeps it until deleted. */
  expiresAt?: Date | null;
}

/** A file as modules and the panel see it: everything but the bytes. */
export interface StoredFile {
  id: number;
  botId: string;
  module: string;
  personId: number | null;
  origin: "received" | "made" | "uploaded";
  status: "receiving" | "stored" | "refused";
  name: string;
  mimeType: string;
  size: number | null;
  sha256: string | null;
  refusedReason: string | null;
  createdAt: Date;
  storedAt: Date | null;
  expiresAt: Date | null;
}

/** Bytes read per query when a file is streamed. */
const CHUNK_BYTES = 1024 * 1024;

// Bytes cross the connection as base64 text: PGlite passes bytea as hex through JavaScript, about
// 15 times slower to read (measured: 1 MB in 296 ms as bytea, 18 ms as base64).
const asBytea = (bytes: Uint8Array) => sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}, 'base64')`;
const fromBase64 = (text: string): Uint8Array => Buffer.from(text, "base64");

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function storedFileOf(row: Selectable<StoredFileTable>): StoredFile {
  return {
    id: row.id,
    botId: row.bot_id,
    module: row.module,
    personId: row.person_id,
    origin: row.origin,
    status: row.status,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    refusedReason: row.refused_reason,
    createdAt: new Date(row.created_at),
    storedAt: row.stored_at === null ? null : new Date(row.stored_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  };
}

/**
 * Writes the bytes once per bot and content, returning their hash. The upsert locks the content
 * row for the rest of the transaction, so a prune running at the same time cannot remove it
 * before the file naming it commits.
 */
export async function storeContent(trx: Transaction<PlatformTables>, botId: string, bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Of(bytes);
  await trx
    .insertInto("stored_file_content")
    .values({ bot_id: botId, sha256, size: bytes.byteLength, bytes: asBytea(bytes) })
    .onConflict((conflict) => conflict.columns(["bot_id", "sha256"]).doUpdateSet({ size: bytes.byteLength }))
    .execute();
  return sha256;
}

/**
 * Keeps a file the app made or someone uploaded, in `trx`. Throws FileTooLargeError over
 * FILE_LIMITS.storedBytes (Telegram's upload limit), storing nothing. The same bytes kept twice
 * by one bot are stored once; each file keeps its own owner, name and retention.
 */
export async function saveFile(trx: Transaction<PlatformTables>, owner: FileOwner, file: NewFile, now: Date): Promise<StoredFile> {
  if (file.bytes.byteLength > FILE_LIMITS.storedBytes) throw new FileTooLargeError(file.bytes.byteLength, FILE_LIMITS.storedBytes, `The file ${file.name}`);
  const sha256 = await storeContent(trx, owner.botId, file.bytes);
  const row = await trx
    .insertInto("stored_file")
    .values({
      bot_id: owner.botId,
      module: owner.module,
      person_id: owner.personId ?? null,
      origin: file.origin ?? "made",
      status: "stored",
      name: file.name,
      mime_type: file.mimeType,
      size: file.bytes.byteLength,
      sha256,
      created_at: now,
      stored_at: now,
      expires_at: file.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return storedFileOf(row);
}

/** A bot's file, whatever its status; undefined when it has none by that id. */
export async function fileInfo(db: Reader, botId: string, id: number): Promise<StoredFile | undefined> {
  const row = await db.selectFrom("stored_file").selectAll().where("bot_id", "=", botId).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : storedFileOf(row);
}

/** A stored file's bytes at once (for small files and jobs); undefined when it is not stored. */
export async function readFile(db: Reader, botId: string, id: number): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("stored_file")
    .innerJoin("stored_file_content", (join) => join.onRef("stored_file_content.bot_id", "=", "stored_file.bot_id").onRef("stored_file_content.sha256", "=", "stored_file.sha256"))
    .select(sql<string>`encode(stored_file_content.bytes, 'base64')`.as("base64"))
    .where("stored_file.bot_id", "=", botId)
    .where("stored_file.id", "=", id)
    .executeTakeFirst();
  return row === undefined ? undefined : fromBase64(row.base64);
}

/**
 * A stored file's bytes in slices of a megabyte, each its own query: a 50 MB download holds one
 * slice in memory, not the file. Rejects if the file is deleted while it is read.
 */
export async function* streamFile(db: Kysely<PlatformTables>, file: Pick<StoredFile, "botId" | "sha256" | "size">, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  if (file.sha256 === null || file.size === null) throw new Error("the file is not stored");
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const result = await sql<{ chunk: string }>`
      select encode(substring(bytes from ${offset + 1} for ${chunkBytes}), 'base64') as chunk
      from stored_file_content where bot_id = ${file.botId} and sha256 = ${file.sha256}
    `.execute(db);
    const chunk = result.rows[0]?.chunk;
    if (chunk === undefined) throw new Error("the file was deleted while it was read");
    yield fromBase64(chunk);
  }
}

/** Removes the bytes of these hashes no file names any more. */
export async function dropUnusedContent(trx: Transaction<PlatformTables>, botId: string, hashes: readonly (string | null)[]): Promise<void> {
  const named = [...new Set(hashes.filter((hash) => hash !== null))];
  if (named.length === 0) return;
  await trx
    .deleteFrom("stored_file_content")
    .where("bot_id", "=", botId)
    .where("sha256", "in", named)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("stored_file").select("id").whereRef("stored_file.bot_id", "=", "stored_file_content.bot_id").whereRef("stored_file.sha256", "=", "stored_file_content.sha256"))),
    )
    .execute();
}

/** Deletes a bot's file, and its bytes unless another file has the same; false when there was none. */
export async function deleteFile(trx: Transaction<PlatformTables>, botId: string, id: number): Promise<boolean> {
  const deleted = await trx.deleteFrom("stored_file").where("bot_id", "=", botId).where("id", "=", id).returning("sha256").executeTakeFirst();
  if (deleted === undefined) return false;
  await dropUnusedContent(trx, botId, [deleted.sha256]);
  return true;
}
