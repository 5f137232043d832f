/**
 * Files across replicas: two apps on one PostgreSQL database, the emulator playing Telegram. A
 * photo a person sends is downloaded by a job and downloadable from either replica's panel; a
 * 25 MB document is refused in the sender's language; a report one replica makes is sent by the
 * other, the leader. Waits for real: pg-boss's polling (2 s) and the outbox sender's (1 s).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { freshPostgres, type TestDatabase } from "../support/databases.ts";
import { keeperModule, sendReport } from "../support/keeper-module.ts";
import { signIn } from "../support/signed-in-client.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

/** The 1x1 PNG `TelegramUser.sendPhoto` sends. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function isLeader(app: RunningApp): Promise<boolean> {
  const body = (await (await fetch(`${app.url}/readyz`)).json()) as { telegram: { leader: boolean } };
  return body.telegram.leader;
}

describe("files on two replicas of one PostgreSQL database", { skip: process.env.TEST_DATABASE_URL === undefined ? "TEST_DATABASE_URL is not set" : false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let leader: RunningApp;
  let follower: RunningApp;

  before(async () => {
    database = await freshPostgres(migrationsOf([keeperModule]));
    emulator = await startEmulator();
    const env = appEnv(emulator.url, database);
    const apps = [await startAppInProcess(env, [keeperModule]), await startAppInProcess(env, [keeperModule])];
    const flags = await eventually(async () => {
      const leading = await Promise.all(apps.map(isLeader));
      return leading.filter(Boolean).length === 1 ? leading : undefined;
    }, "exactly one leader");
    [leader, follower] = (flags[0] === true ? apps : apps.reverse()) as [RunningApp, RunningApp];
  });
  after(async () => {
    await follower?.stop("test over");
    await leader?.stop("test over");
    await emulator?.close();
    await database?.drop();
  });

  test("a photo a person sends is kept and the owner downloads it from the panel of either replica", async () => {
    const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en" });
    ann.sendPhoto();
    const reply = await ann.replyContaining("Kept as file");
    const fileId = Number(/file (\d+)/.exec(reply.text ?? "")?.[1]);
    await eventually(async () => {
      const row = await follower.database.db.selectFrom("stored_file").select("status").where("id", "=", fileId).executeTakeFirst();
      return row?.status === "stored";
    }, "the photo downloaded by the job");

    for (const app of [follower, leader]) {
      const owner = await signIn(app, OWNER_ID);
      const download = await fetch(`${app.url}/api/files/${fileId}/download`, { headers: { cookie: owner.cookie } });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get("content-type"), "image/jpeg");
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);
    }
  });

  test("a 25 MB document is refused in the sender's language and nothing is kept", async () => {
    const ivan = new TelegramUser(emulator.control, { first_name: "Иван", language_code: "ru" });
    const files = async () => (await leader.database.db.selectFrom("stored_file").select("id").execute()).length;
    const before = await files();
    emulator.control.send({ from: ivan.id, document: { base64: Buffer.alloc(25 * 1024 * 1024).toString("base64"), file_name: "scan.pdf", mime_type: "application/pdf" } });
    const reply = await ivan.reply();
    assert.equal(reply.text, "Файл весит 25 МБ, а я принимаю файлы не больше 20 МБ. Пожалуйста, пришлите файл поменьше.");
    assert.equal(await files(), before);
  });

  test("a report the follower makes is sent by the leader, which records the file id Telegram gave it", async () => {
    const olga = new TelegramUser(emulator.control, { first_name: "Olga", language_code: "en" });
    olga.send("/start");
    await olga.reply();
    const system = { botId: "main", personId: null, source: "system" as const };
    const report = "day,visits\nMon,3\n";
    const fileId = await follower.run(system, sendReport, { chatId: olga.id, name: "visits.csv", text: report });
    const sent = await olga.next((entry) => entry.message?.document !== undefined);
    const document = sent.message?.document;
    assert.equal(document?.file_name, "visits.csv");
    assert.deepEqual(Buffer.from(emulator.control.file(document?.file_id ?? "")?.bytes ?? []), Buffer.from(report));
    // Recorded once Telegram's answer is back, a moment after the message appears.
    const recorded = await eventually(async () => {
      const row = await leader.database.db.selectFrom("stored_file").select("telegram_file_ids").where("id", "=", fileId).executeTakeFirstOrThrow();
      return row.telegram_file_ids.document;
    }, "the Telegram file id recorded");
    assert.equal(recorded, document?.file_id);
  });
});
