import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { testKernel } from "../../support/module-kernel.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import { defineCommand } from "../../../src/platform/commands/command.ts";
import { filesFeature } from "../../../src/platform/files/feature.ts";
import { readFile } from "../../../src/platform/files/file-store.ts";
import { FETCH_QUEUE, keepReceivedFile } from "../../../src/platform/files/keep-received-file.ts";
import { recordReceivedFile } from "../../../src/platform/files/record-received-file.ts";
import type { ReceivedFile } from "../../../src/platform/files/received-file.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const IVAN = 810_001;
const MB = 1024 * 1024;

/** What a module's command does with a photo a person sent: keep it. */
const keepPhoto = defineCommand("test.keep-photo", async (scope, file: ReceivedFile) => {
  const kept = await keepReceivedFile(scope, file, { module: "test", personId: IVAN });
  return { result: kept, audit: kept.ok ? { objectType: "file", objectId: kept.fileId } : null };
});

for (const kind of databaseKinds) {
  describe(`keeping a file a user sent, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const queued: { queue: string; data: object }[] = [];
    let runtime: CommandRuntime;
    const job = { botId: BOT, personId: null, source: "job" as const };
    const photo = (size: number): ReceivedFile => ({ kind: "photo", telegramFileId: `AgAD${size}`, name: "photo.jpg", mimeType: "image/jpeg", size });
    const fileRow = (id: number) => suite.database.db.selectFrom("stored_file").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

    before(async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: BOT, telegram_id: 6_100_001, username: "files_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null }) }).execute();
      await db.insertInto("person").values({ telegram_id: IVAN, first_name: "Ivan", last_name: null, username: null, language_code: "ru" }).execute();
      await db.insertInto("bot_member").values({ bot_id: BOT, telegram_id: IVAN }).execute();
      const translator = new Translator([...platformCatalogues(), ...(filesFeature.catalogues ?? [])]);
      const settings = new LiveSettings(db, translator);
      await settings.refresh();
      runtime = testKernel({
        features: [filesFeature],
        database: suite.database,
        translator,
        settings,
        clock: { now: () => new Date("2026-12-02T10:00:00Z") },
        jobs: { send: (queue, data) => (queued.push({ queue, data }), Promise.resolve("job")) },
      }).runtime;
    });

    test("the command records the file as being received, with Telegram's id, and queues its download", async () => {
      const kept = await runtime.run({ botId: BOT, personId: IVAN, source: "bot" }, keepPhoto, photo(3 * MB));
      assert.ok(kept.ok);
      const row = await fileRow(kept.fileId);
      assert.deepEqual({ status: row.status, origin: row.origin, module: row.module, size: row.size, ids: row.telegram_file_ids }, { status: "receiving", origin: "received", module: "test", size: 3 * MB, ids: { photo: `AgAD${3 * MB}` } });
      assert.deepEqual(queued.at(-1), { queue: FETCH_QUEUE, data: { fileId: kept.fileId, botId: BOT } });
    });

    test("a 25 MB file is refused with both sizes and nothing is recorded or queued", async () => {
      const before = queued.length;
      const files = async () => (await suite.database.db.selectFrom("stored_file").select("id").execute()).length;
      const count = await files();
      const kept = await runtime.run({ botId: BOT, personId: IVAN, source: "bot" }, keepPhoto, photo(25 * MB));
      assert.deepEqual(kept, { ok: false, reason: "files-too-large", sizeMb: 25, limitMb: 20 });
      assert.equal(await files(), count);
      assert.equal(queued.length, before);
    });

    test("the downloaded bytes are stored and the file becomes stored", async () => {
      const kept = await runtime.run({ botId: BOT, personId: IVAN, source: "bot" }, keepPhoto, photo(4));
      assert.ok(kept.ok);
      assert.equal(await runtime.run(job, recordReceivedFile, { fileId: kept.fileId, bytes: new Uint8Array([1, 2, 3, 4]) }), "stored");
      assert.equal((await fileRow(kept.fileId)).status, "stored");
      assert.deepEqual([...((await readFile(suite.database.db, BOT, kept.fileId)) ?? [])], [1, 2, 3, 4]);
      assert.equal(await runtime.run(job, recordReceivedFile, { fileId: kept.fileId, bytes: new Uint8Array([9]) }), "not-receiving", "a second download changes nothing");
    });

    test("a file Telegram turns out to have over 20 MB is refused, nothing stored, and the sender told in Russian", async () => {
      const kept = await runtime.run({ botId: BOT, personId: IVAN, source: "bot" }, keepPhoto, { kind: "photo", telegramFileId: "AgADunsized", name: "photo.jpg", mimeType: "image/jpeg" });
      assert.ok(kept.ok);
      assert.equal(await runtime.run(job, recordReceivedFile, { fileId: kept.fileId, tooLarge: { size: 25 * MB } }), "refused");
      const row = await fileRow(kept.fileId);
      assert.deepEqual({ status: row.status, sha256: row.sha256, reason: row.refused_reason }, { status: "refused", sha256: null, reason: "too-large" });
      const notice = await suite.database.db.selectFrom("outbox").select(["chat_id", "payload"]).where("dedupe_key", "like", `files:${kept.fileId}:too-large%`).executeTakeFirstOrThrow();
      assert.equal(notice.chat_id, IVAN);
      assert.match(String(notice.payload.text), /Файл весит 25 МБ, а я принимаю файлы не больше 20 МБ/);
    });
  });
}
