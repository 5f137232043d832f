/**
 * Reading request bodies the way the Bot API accepts them: query string, JSON,
 * application/x-www-form-urlencoded and multipart/form-data (with file parts).
 */
import type { IncomingMessage } from "node:http";

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

const MAX_BODY = 60 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses query parameters and the body into one params object; body fields win. */
export async function parseRequest(req: IncomingMessage, url: URL): Promise<ParsedBody> {
  const params: Record<string, unknown> = {};
  const files: Record<string, UploadedFile> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (req.method === "GET" || req.method === "HEAD") return { params, files };
  const body = await readBody(req);
  if (body.length === 0) return { params, files };
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) Object.assign(params, parsed);
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = v;
  } else if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
    const b = boundary?.[1] ?? boundary?.[2];
    if (b === undefined) throw new Error("multipart body without boundary");
    parseMultipart(body, b.trim(), params, files);
  } else {
    // Unknown type: try JSON, as Telegram is lenient here.
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed === "object" && parsed !== null) Object.assign(params, parsed);
    } catch {
      // ignore
    }
  }
  return { params, files };
}

/** A small multipart/form-data parser: fields become strings, parts with a filename become files. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  params: Record<string, unknown>,
  files: Record<string, UploadedFile>,
): void {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    let start = pos + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return; // closing "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return;
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? "";
      const name = /\bname=(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
      const filename = /\bfilename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(disposition);
      const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? "application/octet-stream";
      const key = name?.[1] ?? name?.[2];
      if (key !== undefined) {
        if (filename !== null) {
          files[key] = { filename: (filename[1] ?? filename[2] ?? "").trim(), contentType, data: Buffer.from(data) };
        } else {
          params[key] = data.toString("utf8");
        }
      }
    }
    pos = next;
  }
}
