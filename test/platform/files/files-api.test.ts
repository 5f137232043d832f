import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../../src/main.ts";
import { startSession } from "../../../src/platform/auth/sessions.ts";
import { FILE_LIMITS } from "../../../src/platform/files/limits.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../../support/app.ts";
import { freshPglite, type TestDatabase } from "../../support/databases.ts";

describe("the panel's files", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let headers: Record<string, string>;

  before(async () => {
    database = await freshPglite(migrationsOf([]));
    emulator = await startEmulator();
    app = await startAppInProcess(appEnv(emulator.url, database), []);
    const session = await startSession(app.database.db, { botId: "main", telegramId: OWNER_ID, kind: "cookie", via: "test", userAgent: "test", ip: null });
    headers = { cookie: `botyard_session=${session.secret}`, "x-csrf-token": session.csrfToken };
  });
  after(async () => {
    await app?.stop("test over");
    await emulator?.close();
    await database?.drop();
  });

  const upload = (name: string, body: BodyInit, type: string, language = "en") =>
    fetch(`${app.url}/api/files?name=${encodeURIComponent(name)}&keepDays=30`, { method: "POST", headers: { ...headers, "content-type": type, "accept-language": language }, body, duplex: "half" } as RequestInit);

  test("an uploaded file downloads byte for byte, with its type and name, and the upload is audited", async () => {
    const bytes = Buffer.from("день,визиты\nпн,3\n");
    const uploaded = await upload("отчёт.csv", bytes, "text/csv");
    assert.equal(uploaded.status, 201);
    const { file } = (await uploaded.json()) as { file: { id: number; size: number; mimeType: string; origin: string; expiresAt: string | null } };
    assert.deepEqual({ size: file.size, mimeType: file.mimeType, origin: file.origin, expires: file.expiresAt !== null }, { size: bytes.byteLength, mimeType: "text/csv", origin: "uploaded", expires: true });

    const download = await fetch(`${app.url}/api/files/${file.id}/download`, { headers });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "text/csv");
    assert.equal(download.headers.get("content-disposition"), `attachment; filename="_____.csv"; filename*=UTF-8''${encodeURIComponent("отчёт.csv")}`);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);

    const audit = await app.database.db.selectFrom("audit_log").select(["actor_id", "object_id"]).where("action", "=", "files.upload").executeTakeFirstOrThrow();
    assert.deepEqual(audit, { actor_id: OWNER_ID, object_id: String(file.id) });
    const listed = (await (await fetch(`${app.url}/api/files`, { headers })).json()) as { files: { id: number }[] };
    assert.ok(listed.files.some((listedFile) => listedFile.id === file.id));
  });

  test("an upload over 50 MB is refused with the reason in the uploader's language, and nothing is kept", async () => {
    const before = await app.database.db.selectFrom("stored_file").select("id").execute();
    // Sent in parts without a length, so the server finds out only by reading past the limit.
    let sent = 0;
    const parts = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > FILE_LIMITS.storedBytes) return controller.close();
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const refused = await upload("huge.bin", parts, "application/octet-stream", "ru");
    assert.equal(refused.status, 413);
    assert.match(((await refused.json()) as { error: string }).error, /больше 50 МБ/);
    assert.equal((await app.database.db.selectFrom("stored_file").select("id").execute()).length, before.length);
  });

  test("a file that does not exist answers 404 with the reason", async () => {
    const missing = await fetch(`${app.url}/api/files/999999/download`, { headers });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "There is no file 999999." });
  });
});
