import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Api } from "grammy";
import { deleteFile, saveFile } from "../../../src/platform/files/file-store.ts";
import { storedFileMessage } from "../../../src/platform/files/stored-file-message.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { callRaw } from "../../../src/platform/telegram/call-raw.ts";
import { createOutboxSender, type OutboxSender } from "../../../src/platform/telegram/outbox-sender.ts";
import { enqueueOutbox } from "../../../src/platform/telegram/outbox.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { TEST_TOKEN, startEmulator } from "../../support/app.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
/** A 1x1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

for (const kind of databaseKinds) {
  describe(`the outbox sending a stored file, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let emulator: BotApiEmulator;
    let sender: OutboxSender;
    let userId: number;
    let sends = 0;
    /** The sender's clock, a minute on per send: Telegram's one-per-second limit per chat never holds a send back. */
    let now = Date.parse("2030-01-01T00:00:00Z");

    before(async () => {
      emulator = await startEmulator();
      userId = emulator.control.createUser({ first_name: "Ann" }).id;
      await suite.database.db.insertInto("bot").values({ id: BOT, telegram_id: 1234567, username: "botyard_test_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      const api = new Api(TEST_TOKEN, { apiRoot: emulator.url });
      sender = createOutboxSender({
        database: suite.database,
        botIds: [BOT],
        callApi: (_botId, method, payload, signal) => callRaw(api, method, payload, signal),
        logger: createLogger({ level: "silent" }),
        metrics: createMetrics(),
        clock: { now: () => now },
      });
    });
    after(async () => {
      await emulator?.close();
    });

    const save = (bytes: Uint8Array, name: string, mimeType: string) =>
      suite.database.transaction((trx) => saveFile(trx, { botId: BOT, module: "exports" }, { name, mimeType, bytes }, new Date()));
    /** Queues the file to Ann and sends it; the outbox row afterwards. */
    const send = async (fileId: number, as: "photo" | "document" | "voice", caption?: string) => {
      const dedupeKey = `test:send:${++sends}`;
      await enqueueOutbox(suite.database.db, { botId: BOT, ...storedFileMessage({ chatId: userId, fileId, as, dedupeKey, ...(caption === undefined ? {} : { caption }) }) });
      now += 60_000;
      await sender.sendDue();
      return suite.database.db.selectFrom("outbox").select(["status", "error", "message_id"]).where("dedupe_key", "=", dedupeKey).executeTakeFirstOrThrow();
    };
    const lastSent = async () => {
      const entries = await emulator.control.transcript({ chat_id: userId });
      return entries.filter((entry) => entry.direction === "from_bot").at(-1)?.message;
    };
    const telegramIds = async (fileId: number) => (await suite.database.db.selectFrom("stored_file").select("telegram_file_ids").where("id", "=", fileId).executeTakeFirstOrThrow()).telegram_file_ids;

    test("the first send uploads the bytes, and Telegram's file id is recorded on the file", async () => {
      const file = await save(PNG, "dot.png", "image/png");
      assert.equal((await send(file.id, "photo", "A dot")).status, "sent");
      const message = await lastSent();
      assert.equal(message?.caption, "A dot");
      const photoId = message?.photo?.at(-1)?.file_id;
      assert.ok(photoId !== undefined);
      assert.deepEqual(Buffer.from(emulator.control.file(photoId)?.bytes ?? []), PNG);
      assert.deepEqual(await telegramIds(file.id), { photo: photoId });
    });

    test("a later send reuses the file id instead of uploading again", async () => {
      const file = await save(Buffer.from("day,visits\nMon,3\n"), "visits.csv", "text/csv");
      await send(file.id, "document");
      const first = (await lastSent())?.document;
      await send(file.id, "document");
      const second = (await lastSent())?.document;
      assert.equal(first?.file_name, "visits.csv");
      assert.equal(second?.file_id, first?.file_id, "the same Telegram file, not a new upload");
      assert.deepEqual(Buffer.from(emulator.control.file(second?.file_id ?? "")?.bytes ?? []), Buffer.from("day,visits\nMon,3\n"));
    });

    test("a file deleted before its turn fails its message with the reason, and the chat goes on", async () => {
      const file = await save(Buffer.from("soon gone"), "gone.txt", "text/plain");
      await suite.database.transaction((trx) => deleteFile(trx, BOT, file.id));
      const row = await send(file.id, "document");
      assert.deepEqual({ status: row.status, error: row.error }, { status: "failed", error: `stored file ${file.id} no longer exists` });
      const voice = await save(Buffer.from("OggS voice"), "note.ogg", "audio/ogg");
      assert.equal((await send(voice.id, "voice")).status, "sent");
      assert.ok((await lastSent())?.voice !== undefined);
    });
  });
}
