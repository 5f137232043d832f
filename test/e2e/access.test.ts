import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import { sql, type Kysely } from "kysely";
import { loadConfig } from "../../src/config.ts";
import { runApp, type RunningApp } from "../../src/main.ts";
import type { AccessTables } from "../../src/modules/access/tables.ts";
import type { PlatformTables } from "../../src/platform/db/schema.ts";
import { hashSecret } from "../../src/platform/auth/secrets.ts";
import { createLogger } from "../../src/platform/log.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, TEST_INTERVALS, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

for (const kind of databaseKinds) {
  describe(`staff access through the bot on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: TelegramUser;
    let artem: TelegramUser;
    let sasha: TelegramUser;
    const logLines: string[] = [];
    const cleanups: (() => Promise<unknown>)[] = [];

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
      artem = new TelegramUser(emulator.control, { first_name: "Artem", language_code: "en" });
      sasha = new TelegramUser(emulator.control, { first_name: "Sasha", language_code: "en" });
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      });
      // Debug level: whatever the app would ever log about a request is captured.
      app = await runApp(loadConfig(appEnv(emulator.url, database)), { logger: createLogger({ level: "debug", destination }), ...TEST_INTERVALS });
      cleanups.push(() => app.stop("test over"));
    });
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    const db = () => app.database.db as unknown as Kysely<PlatformTables & AccessTables>;
    const edited = (user: TelegramUser, card: Message, text: string) =>
      user.next((entry) => entry.direction === "edit" && entry.message?.message_id === card.message_id && (entry.message.text ?? "").includes(text));

    /** Goes through "Apply for access" from /start; returns the confirmation message. */
    const apply = async (user: TelegramUser, name: string, phone: string, comment?: string) => {
      user.send("/start");
      user.pressButton(await user.replyContaining("What would you like to do?"), "Apply for access");
      await user.replyContaining("What is your name?");
      user.send(name);
      await user.replyContaining("share your phone number");
      user.shareContact(phone);
      await user.replyContaining("Anything the admins should know");
      user.send(comment ?? "Skip");
      await user.replyContaining("Your application");
      user.pressButton(await user.replyContaining("Send it to the admins?"), "Send");
      return user.replyContaining("under review");
    };

    test("a stranger applies with name and shared contact, the owner approves them as admin, and their /login link's token reaches no log", async () => {
      await apply(artem, "Artem Petrov", "79001234567", "New shift manager");
      const card = await owner.replyContaining("Access request #");
      assert.match(card.text ?? "", /Artem Petrov/);
      assert.match(card.text ?? "", /\+79001234567/, "the phone is normalised to E.164");
      assert.match(card.text ?? "", /New shift manager/);
      owner.pressButton(card, "Approve as admin");
      await edited(owner, card, "Approved as admin by Olga");
      const notice = await artem.replyContaining("approved");
      assert.match(notice.text ?? "", /Your role: admin/);
      const role = await db().selectFrom("role").selectAll().where("telegram_id", "=", artem.id).executeTakeFirstOrThrow();
      assert.equal(role.role, "admin");
      assert.equal(role.granted_by, OWNER_ID);

      artem.send("/login");
      const message = await artem.replyContaining("login link");
      const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "url" in candidate);
      assert.ok(button !== undefined && "url" in button);
      const token = /#token=([\w-]+)$/.exec(button.url)?.[1];
      assert.ok(token !== undefined && token.length >= 43, "256 random bits, base64url");
      assert.ok(button.url.startsWith(`${app.url}/login#token=`));

      const stored = await db().selectFrom("login_token").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
      assert.equal(stored.telegram_id, artem.id);
      assert.equal(stored.used_at, null);
      assert.equal(logLines.some((line) => line.includes(token)), false, "the token is in no log line");
      const { rows } = await sql<{ count: string }>`
        select count(*)::text as count from inbox where journal::text like ${`%${token}%`}
        union all select count(*)::text from outbox where payload::text like ${`%${token}%`}
        union all select count(*)::text from audit_log where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${token}%`}
      `.execute(db());
      assert.deepEqual(rows.map((row) => row.count), ["0", "0", "0"], "the secret is stored nowhere in plain text");
    });

    test("every admin gets a card; one decides, every card shows it, and a late press hears who decided", async () => {
      await apply(sasha, "Sasha Ivanova", "+7 (900) 765-43-21");
      const ownerCard = await owner.replyContaining("Sasha Ivanova");
      const artemCard = await artem.replyContaining("Sasha Ivanova");
      // The owner looks at the pending requests before Artem decides: that copy keeps its buttons.
      owner.send("/requests");
      const ownersCopy = await owner.replyContaining("Sasha Ivanova");

      artem.pressButton(artemCard, "Approve as admin");
      await edited(artem, artemCard, "Approved as admin by Artem");
      await edited(owner, ownerCard, "Approved as admin by Artem");
      assert.equal((await sasha.replyContaining("approved")).text?.includes("/login"), true);

      owner.pressButton(ownersCopy, "Reject");
      assert.match((await owner.callbackAnswer()) ?? "", /Already decided by Artem/);
      const request = await db().selectFrom("access_request").selectAll().where("telegram_id", "=", sasha.id).executeTakeFirstOrThrow();
      assert.equal(request.status, "approved");
      assert.equal(request.decided_by, artem.id);
    });
  });
}
