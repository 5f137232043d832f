import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { feedbackModule } from "../../../src/modules/feedback/module.ts";
import { markFeedbackSeen } from "../../../src/modules/feedback/commands/mark-feedback-seen.ts";
import { remindUnseenFeedback } from "../../../src/modules/feedback/commands/remind-unseen-feedback.ts";
import { sendFeedback } from "../../../src/modules/feedback/commands/send-feedback.ts";
import { testKernel } from "../../support/module-kernel.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import type { ModuleContext } from "../../../src/platform/module.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import type { FeedbackTables } from "../../../src/modules/feedback/tables.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import type { Kysely } from "kysely";

const BOT = "main";
const OWNER = 800_001;
const ADMIN_RU = 800_002;
const AUTHOR = 800_010;
const STRANGER = 800_011;

for (const kind of databaseKinds) {
  describe(`feedback's commands, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, feedbackModule.migrations);
    const clock = { at: new Date("2026-12-01T10:00:00Z"), now: () => clock.at };
    let runtime: CommandRuntime;
    let context: ModuleContext;
    const as = (personId: number | null): Actor => ({ botId: BOT, personId, source: personId === null ? "system" : "bot" });
    const outbox = (like: string) =>
      suite.database.db.selectFrom("outbox").select(["chat_id", "payload"]).where("dedupe_key", "like", like).orderBy("chat_id").execute();
    // The module's table, typed as the module's own code sees it.
    const feedbackRows = () => (suite.database.db as unknown as Kysely<FeedbackTables>).selectFrom("feedback");
    const textOf = (payload: Record<string, unknown>) => String(payload.text ?? payload.caption);

    before(async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: BOT, telegram_id: 6_000_001, username: "feedback_bot", settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: null }) }).execute();
      const people = [
        { telegram_id: OWNER, first_name: "Olga", language_code: "en" },
        { telegram_id: ADMIN_RU, first_name: "Ivan", language_code: "ru" },
        { telegram_id: AUTHOR, first_name: "Ann", language_code: "en" },
        { telegram_id: STRANGER, first_name: "Sam", language_code: "en" },
      ];
      await db.insertInto("person").values(people.map((person) => ({ ...person, last_name: null, username: null }))).execute();
      await db.insertInto("bot_member").values(people.map((person) => ({ bot_id: BOT, telegram_id: person.telegram_id }))).execute();
      await db.insertInto("role").values([
        { bot_id: BOT, telegram_id: OWNER, role: "owner", granted_by: null },
        { bot_id: BOT, telegram_id: ADMIN_RU, role: "admin", granted_by: null },
      ]).execute();
      const translator = new Translator([...platformCatalogues(), ...(feedbackModule.catalogues ?? [])]);
      const settings = new LiveSettings(db, translator);
      await settings.refresh();
      const kernel = testKernel({
        modules: [feedbackModule],
        database: suite.database,
        translator,
        settings,
        clock,
      });
      runtime = kernel.runtime;
      context = kernel.context;
    });

    const send = (text: string, photo: string | null = null) => runtime.run(as(AUTHOR), sendFeedback, { author: { id: AUTHOR, first_name: "Ann" }, text, photo });

    test("a message is kept and every reader is told once, in their own language, with a Seen button", async () => {
      const outcome = await send("The <b>door</b> sticks");
      assert.ok(outcome.ok);
      assert.equal(outcome.told, 2);
      const notices = await outbox(`feedback:${outcome.id}:to:%`);
      assert.deepEqual(notices.map((notice) => notice.chat_id), [OWNER, ADMIN_RU]);
      assert.match(textOf(notices[0]!.payload), /New message/);
      assert.match(textOf(notices[1]!.payload), /Новое сообщение/);
      assert.match(textOf(notices[0]!.payload), /The &lt;b&gt;door&lt;\/b&gt; sticks/, "people's markup is escaped");
      assert.deepEqual(notices[0]!.payload.reply_markup, { inline_keyboard: [[{ text: "✓ Seen", callback_data: `feedback:seen:${outcome.id}` }]] });
    });

    test("an empty message is refused and changes nothing", async () => {
      const before = await feedbackRows().select("id").execute();
      const outcome = await send("   ");
      assert.deepEqual(outcome, { ok: false, reason: "feedback-empty" });
      assert.equal((await feedbackRows().select("id").execute()).length, before.length);
    });

    test("the first reader's Seen tells the author and calls the reminder off; a second Seen is refused", async () => {
      const sent = await send("Please call me");
      assert.ok(sent.ok);
      const seen = await runtime.run(as(ADMIN_RU), markFeedbackSeen, { feedbackId: sent.id });
      assert.deepEqual(seen, { ok: true, id: sent.id });
      const told = await outbox(`feedback:${sent.id}:seen`);
      assert.equal(told[0]?.chat_id, AUTHOR);
      assert.match(textOf(told[0].payload), /Our team has read your message/);
      const reminders = await suite.database.db.selectFrom("scheduled_event").select("id").where("dedupe_key", "=", `feedback:${sent.id}:unseen`).execute();
      assert.equal(reminders.length, 0);
      assert.deepEqual(await runtime.run(as(OWNER), markFeedbackSeen, { feedbackId: sent.id }), { ok: false, reason: "already-seen" });
    });

    test("someone who may not read feedback cannot mark it seen", async () => {
      const sent = await send("Hello?");
      assert.ok(sent.ok);
      assert.deepEqual(await runtime.run(as(STRANGER), markFeedbackSeen, { feedbackId: sent.id }), { ok: false, reason: "not-allowed" });
    });

    test("a day later an unseen message is brought up again; a seen one is not", async () => {
      const unseen = await send("Still waiting");
      const seen = await send("Answered");
      assert.ok(unseen.ok && seen.ok);
      await runtime.run(as(OWNER), markFeedbackSeen, { feedbackId: seen.id });
      const events = await suite.database.db.selectFrom("scheduled_event").select(["dedupe_key", "due_at"]).where("dedupe_key", "=", `feedback:${unseen.id}:unseen`).execute();
      assert.equal(new Date(events[0]!.due_at).getTime() - clock.now().getTime(), 24 * 60 * 60 * 1000);
      assert.deepEqual(await runtime.run(as(null), remindUnseenFeedback, { feedbackId: unseen.id }), { reminded: 2 });
      assert.deepEqual(await runtime.run(as(null), remindUnseenFeedback, { feedbackId: seen.id }), { reminded: 0 });
      assert.match(textOf((await outbox(`feedback:${unseen.id}:unseen:to:${OWNER}`))[0]!.payload), /Still unseen/);
    });

    test("someone granted a role that reads feedback is told how many messages wait unseen", async () => {
      await suite.database.transaction((trx) => context.announce(trx, as(OWNER), { kind: "role-granted", telegramId: STRANGER, role: "admin" }));
      const told = await outbox(`feedback:reader:${STRANGER}:%`);
      assert.match(textOf(told[0]!.payload), /messages are waiting unseen/);
      await suite.database.transaction((trx) => context.announce(trx, as(OWNER), { kind: "role-granted", telegramId: AUTHOR, role: "owner-of-nothing" }));
      assert.equal((await outbox(`feedback:reader:${AUTHOR}:%`)).length, 0, "a role without the permission is not told");
    });

    test("the dashboard card counts what waits unseen and what came this week", async () => {
      const [card] = feedbackModule.dashboard ?? [];
      const figures = await card!.figures({ db: suite.database.db, botId: BOT, now: clock.now(), timeZone: "Europe/Berlin" });
      const unseen = await feedbackRows().select("id").where("seen_at", "is", null).execute();
      const all = await feedbackRows().select("id").execute();
      assert.deepEqual(figures, [
        { label: "feedback-card-unseen", value: unseen.length },
        { label: "feedback-card-week", value: all.length },
      ]);
      assert.ok(unseen.length > 0 && unseen.length < all.length);
    });
  });
}
