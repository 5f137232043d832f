import { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseInput, refuse } from "../http/answers.ts";
import { actorOf, requires } from "../http/route-guard.ts";
import type { ApiContext } from "../module.ts";
import { fileInfo, storedFileOf, streamFile, type StoredFile } from "./file-store.ts";
import { FILE_LIMITS, megabytes } from "./limits.ts";
import { uploadFile } from "./upload-file.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({ module: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
const UploadQuery = z.object({ name: z.string().min(1).max(200), keepDays: z.coerce.number().int().min(1).max(3650).optional() });

/** A file as the panel lists it (dates as ISO 8601). */
export type FileView = Omit<StoredFile, "createdAt" | "storedAt" | "expiresAt"> & { createdAt: string; storedAt: string | null; expiresAt: string | null };

function viewOf(file: StoredFile): FileView {
  return { ...file, createdAt: file.createdAt.toISOString(), storedAt: file.storedAt?.toISOString() ?? null, expiresAt: file.expiresAt?.toISOString() ?? null };
}

/** `attachment` with the name as ASCII for old clients and UTF-8 (RFC 6266) for the rest. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The request's body, or undefined once it passes `limit` bytes. */
async function bodyUpTo(request: FastifyRequest, limit: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of request.body as AsyncIterable<Buffer>) {
    total += part.byteLength;
    if (total > limit) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * The panel's files: the list, a download streamed from the database, and an upload (the raw
 * body, its content type the file's; `?name=` and optionally `?keepDays=`), refused over 50 MB.
 */
export function filesApi(app: FastifyInstance, context: ApiContext): void {
  const { translator } = context;
  const db = context.database.db;

  app.get("/api/files", requires("files.read"), async (request, reply) => {
    const query = parseInput(translator, request, reply, ListQuery, request.query);
    if (query === undefined) return reply;
    let rows = db.selectFrom("stored_file").selectAll().where("bot_id", "=", actorOf(request).botId);
    if (query.module !== undefined) rows = rows.where("module", "=", query.module);
    return { files: (await rows.orderBy("id", "desc").limit(query.limit).execute()).map((row) => viewOf(storedFileOf(row))) };
  });

  app.get("/api/files/:id/download", requires("files.read"), async (request, reply) => {
    const params = parseInput(translator, request, reply, IdParams, request.params);
    if (params === undefined) return reply;
    const file = await fileInfo(db, actorOf(request).botId, params.id);
    if (file === undefined) return refuse(translator, request, reply, 404, "files-not-found", { id: String(params.id) });
    if (file.status !== "stored" || file.size === null) return refuse(translator, request, reply, 409, "files-not-stored", { id: String(params.id) });
    return reply
      .type(file.mimeType)
      .header("content-length", file.size)
      .header("content-disposition", contentDisposition(file.name))
      .send(Readable.from(streamFile(db, file)));
  });

  // The upload reads its body itself, whatever its type, so it can stop at the limit.
  app.register((scoped, _options, done) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser("*", (_request, payload, parsed) => parsed(null, payload));
    scoped.post("/api/files", requires("files.upload"), async (request, reply) => {
      const query = parseInput(translator, request, reply, UploadQuery, request.query);
      if (query === undefined) return reply;
      const limit = FILE_LIMITS.storedBytes;
      // The rest of the body is not read: the connection closes after the answer.
      const tooLarge = () => refuse(translator, request, reply.header("connection", "close"), 413, "files-upload-too-large", { limitMb: megabytes(limit) });
      if (Number(request.headers["content-length"] ?? 0) > limit) return tooLarge();
      const bytes = request.body === undefined || request.body === null ? Buffer.alloc(0) : await bodyUpTo(request, limit);
      if (bytes === undefined) return tooLarge();
      if (bytes.byteLength === 0) return refuse(translator, request, reply, 400, "files-upload-empty");
      const actor = actorOf(request);
      const mimeType = request.headers["content-type"]?.split(";")[0]?.trim() || "application/octet-stream";
      const expiresAt = query.keepDays === undefined ? null : new Date(context.clock.now().getTime() + query.keepDays * DAY_MS);
      const file = await context.run(actor, uploadFile, { name: query.name, mimeType, bytes, expiresAt });
      return reply.code(201).send({ file: viewOf(file) });
    });
    done();
  });
}
