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
import { startSession } from "../../src/platform/auth/sessions.ts";
import { createLogger } from "../../src/platform/log.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, TEST_INTERVALS, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

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

    test("a stranger applies with name and shared contact, and the owner approves them as admin", async () => {
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

    test("applying twice makes one request, and a rejected person is refused until the cool-down is over", async () => {
      const vera = new TelegramUser(emulator.control, { first_name: "Vera", language_code: "en" });
      await apply(vera, "Vera", "+49 151 23456789");
      const ownerCard = await owner.replyContaining("Vera");
      await apply(vera, "Vera Schmidt", "+49 151 23456789");
      await edited(owner, ownerCard, "Vera Schmidt");
      const requests = await db().selectFrom("access_request").selectAll().where("telegram_id", "=", vera.id).execute();
      assert.equal(requests.length, 1);
      assert.equal(requests[0]?.name, "Vera Schmidt");

      owner.pressButton(ownerCard, "Reject");
      const ask = await owner.replyContaining("Why do you reject");
      owner.pressButton(ask, "We could not verify your details");
      await owner.replyContaining("was rejected");
      await edited(owner, ownerCard, "Rejected by Olga");
      const notice = await vera.replyContaining("rejected");
      assert.match(notice.text ?? "", /We could not verify your details/);
      assert.match(notice.text ?? "", /You may apply again after/);

      vera.send("/start");
      vera.pressButton(await vera.replyContaining("What would you like to do?"), "Apply for access");
      await vera.replyContaining("You may apply again after");
      assert.equal((await db().selectFrom("access_request").selectAll().where("telegram_id", "=", vera.id).execute()).length, 1);
    });

    test("/login gives staff a one-time link whose token reaches no log, and strangers a clear answer", async () => {
      const stranger = new TelegramUser(emulator.control, { first_name: "Max", language_code: "en" });
      stranger.send("/login");
      await stranger.replyContaining("You need staff access");

      sasha.send("/login");
      const message = await sasha.replyContaining("login link");
      const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "url" in candidate);
      assert.ok(button !== undefined && "url" in button);
      const token = /#token=([\w-]+)$/.exec(button.url)?.[1];
      assert.ok(token !== undefined && token.length >= 43, "256 random bits, base64url");
      assert.ok(button.url.startsWith(`${app.url}/login#token=`));

      const stored = await db().selectFrom("login_token").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
      assert.equal(stored.telegram_id, sasha.id);
      assert.equal(stored.used_at, null);
      assert.equal(logLines.some((line) => line.includes(token)), false, "the token is in no log line");
      const { rows } = await sql<{ count: string }>`
        select count(*)::text as count from inbox where journal::text like ${`%${token}%`}
        union all select count(*)::text from outbox where payload::text like ${`%${token}%`}
        union all select count(*)::text from audit_log where coalesce(after::text, '') || coalesce(before::text, '') like ${`%${token}%`}
      `.execute(db());
      assert.deepEqual(rows.map((row) => row.count), ["0", "0", "0"], "the secret is stored nowhere in plain text");
    });

    test("/sessions lists a person's web sessions and ends one, then all", async () => {
      const botId = (await db().selectFrom("bot").select("id").executeTakeFirstOrThrow()).id;
      const phone = await startSession(db(), { botId, telegramId: sasha.id, kind: "cookie", via: "link", userAgent: ANDROID_CHROME, ip: "203.0.113.7" });
      await startSession(db(), { botId, telegramId: sasha.id, kind: "cookie", via: "link", userAgent: null, ip: "198.51.100.2" });

      sasha.send("/sessions");
      const list = await sasha.replyContaining("Your web sessions");
      assert.match(list.text ?? "", /Chrome · Android · 203\.0\.113\.7/);
      assert.match(list.text ?? "", /unknown device · 198\.51\.100\.2/);
      const endFirst = list.reply_markup?.inline_keyboard.flat().find((candidate) => "callback_data" in candidate && candidate.callback_data === `access:end:${phone.id}`);
      assert.ok(endFirst !== undefined && "callback_data" in endFirst);
      sasha.press(list, endFirst.callback_data);
      assert.equal(await sasha.callbackAnswer(), "The session was ended.");
      const shorter = (await edited(sasha, list, "Your web sessions")).message as Message;
      assert.doesNotMatch(shorter.text ?? "", /203\.0\.113\.7/);
      const ended = await db().selectFrom("web_session").select("ended_at").where("id", "=", phone.id).executeTakeFirstOrThrow();
      assert.notEqual(ended.ended_at, null);

      sasha.pressButton(shorter, "Log out everywhere");
      await edited(sasha, list, "logged out everywhere");
      const live = await db().selectFrom("web_session").select("id").where("telegram_id", "=", sasha.id).where("ended_at", "is", null).execute();
      assert.equal(live.length, 0);
    });

    test("blocking a person ends their sessions and revokes their unused links and roles at once", async () => {
      const botId = (await db().selectFrom("bot").select("id").executeTakeFirstOrThrow()).id;
      await startSession(db(), { botId, telegramId: sasha.id, kind: "cookie", via: "link", userAgent: ANDROID_CHROME, ip: "203.0.113.7" });
      await startSession(db(), { botId, telegramId: sasha.id, kind: "bearer", via: "mini_app", userAgent: null, ip: null });
      sasha.send("/login");
      await sasha.replyContaining("login link");

      owner.send("/people");
      const people = await owner.replyContaining("People (");
      owner.pressButton(people, "Sasha");
      const view = (await edited(owner, people, "Status: staff")).message as Message;
      owner.pressButton(view, "Block");
      const confirm = (await edited(owner, people, "Block this person?")).message as Message;
      owner.pressButton(confirm, "Yes, block");
      assert.equal(await owner.callbackAnswer(), "Blocked. Sessions ended: 2.");
      await edited(owner, people, "Status: blocked");

      const live = await db().selectFrom("web_session").select("id").where("telegram_id", "=", sasha.id).where("ended_at", "is", null).execute();
      assert.equal(live.length, 0);
      const unused = await db().selectFrom("login_token").select("id").where("telegram_id", "=", sasha.id).where("used_at", "is", null).where("revoked_at", "is", null).execute();
      assert.equal(unused.length, 0);
      const roles = await db().selectFrom("role").select("role").where("telegram_id", "=", sasha.id).execute();
      assert.deepEqual(roles, []);
      sasha.send("/login");
      await sasha.replyContaining("You need staff access");
    });
  });
}
