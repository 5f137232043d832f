import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningApp } from "../../../src/main.ts";
import type { BroadcastView } from "../../../src/platform/broadcasts/presenter.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../../support/app.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { TelegramUser, eventually } from "../../support/telegram-user.ts";

for (const kind of databaseKinds) {
  describe(`the broadcasts API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: TelegramUser;
    let people: TelegramUser[];
    let ownerSession: SignedInClient;
    let strangerSession: SignedInClient;

    const sessionOf = (telegramId: number) => signIn(app, telegramId);
    const call = async (method: "GET" | "POST", path: string, options: { session?: SignedInClient; body?: unknown; language?: string; csrf?: boolean } = {}) => {
      const session = options.session ?? ownerSession;
      // Answers follow the reader's panel language: the owner (whose Telegram speaks English) reads Russian once she chose it.
      const panelLanguage = options.language?.startsWith("ru") === true ? "ru" : null;
      await app.database.db.updateTable("bot_member").set({ panel_language: panelLanguage }).where("telegram_id", "=", OWNER_ID).execute();
      const { status, body } = method === "GET" ? await session.get(path, options) : await session.send(method, path, options.body, options);
      return { status, body };
    };
    const storedBroadcasts = async () => (await app.database.db.selectFrom("broadcast").select("id").execute()).length;

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database));
      people = ["Ann", "Ben", "Cid"].map((name) => new TelegramUser(emulator.control, { first_name: name, language_code: "en" }));
      for (const person of [owner, ...people]) {
        person.send("/start");
        await person.reply();
      }
      // Cid blocks the bot: the broadcast counts him as blocked instead of sending.
      people[2]!.block();
      await eventually(
        async () => (await app.database.db.selectFrom("bot_member").select("telegram_id").where("blocked_at", "is not", null).execute()).length === 1,
        "the block to be recorded",
      );
      ownerSession = await sessionOf(OWNER_ID);
      strangerSession = await sessionOf(people[0]!.id);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("every broadcast route needs the broadcasts.send permission", async () => {
      for (const [method, path] of [
        ["GET", "/api/broadcasts"],
        ["GET", "/api/broadcasts/segments"],
        ["GET", "/api/broadcasts/audience?segment=all"],
        ["GET", "/api/broadcasts/1"],
        ["POST", "/api/broadcasts"],
        ["POST", "/api/broadcasts/preview"],
        ["POST", "/api/broadcasts/1/cancel"],
      ] as const) {
        assert.equal((await call(method, path, { session: strangerSession, body: method === "POST" ? {} : undefined })).status, 403, `${method} ${path}`);
        const anonymous = await fetch(`${app.url}${path}`, { method });
        assert.equal(anonymous.status, 401, `${method} ${path} without a session`);
      }
    });

    test("the audiences on offer (the platform's, then the mounted modules') are listed in the reader's language, with the roles a segment may take", async () => {
      const { status, body } = await call("GET", "/api/broadcasts/segments", { language: "ru-RU,ru;q=0.9" });
      assert.equal(status, 200);
      const segments = body.segments as { name: string; label: string; params: { name: string; kind: string; label: string }[] }[];
      assert.deepEqual(
        segments.map((segment) => [segment.name, segment.label]),
        [
          ["all", "Все пользователи"],
          ["role", "Пользователи с ролью"],
          ["booking-clients", "Клиенты записи (с Telegram)"],
          ["booking-service", "Клиенты записи на услугу"],
          ["booking-inactive", "Клиенты записи без визитов N дней"],
        ],
      );
      assert.deepEqual(segments[1]?.params, [{ name: "role", kind: "role", label: "Роль" }]);
      assert.ok((body.roles as string[]).includes("admin"));
    });

    test("the size of an audience counts its people and those who blocked the bot", async () => {
      assert.deepEqual((await call("GET", "/api/broadcasts/audience?segment=all")).body, { people: 4, blocked: 1 });
      assert.deepEqual((await call("GET", "/api/broadcasts/audience?segment=role&role=owner")).body, { people: 1, blocked: 0 });
      const bad = await call("GET", "/api/broadcasts/audience?segment=role&role=pirate");
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error, "Choose one of the bot's roles for this audience.");
    });

    test("bad input is answered 400 with a clear message in the reader's language, and nothing is stored", async () => {
      const before = await storedBroadcasts();
      const cases: { body: unknown; language?: string; error: string }[] = [
        { body: { segment: "all" }, error: "The request could not be read (field: text). Reload the page and try again." },
        { body: { text: "<div>Sale</div>", segment: "all" }, error: "Telegram does not support the tag <div>. Allowed: b, i, u, s, a, code, pre, tg-spoiler, blockquote." },
        { body: { text: "<b>Sale", segment: "all" }, language: "ru", error: "Тег <b> открыт, но не закрыт." },
        { body: { text: "x".repeat(4097), segment: "all" }, error: "The text is too long: 4,097 characters, Telegram allows at most 4,096." },
        {
          body: { text: "Sale", segment: "all", buttons: Array.from({ length: 11 }, () => ({ text: "Go", url: "https://example.com" })) },
          error: "A message may have at most 10 buttons.",
        },
        { body: { text: "Sale", segment: "all", buttons: [{ text: "Go", url: "example.com" }] }, error: "Button 1 needs a link starting with http:// or https://." },
        { body: { text: "Sale", segment: "all", photo: "not a photo" }, error: "The photo must be a Telegram file_id or a link starting with http:// or https://." },
        { body: { text: "Sale", segment: "everyone" }, error: "This bot has no audience called “everyone”." },
        { body: { text: "Sale", segment: "all", sendAt: "2000-01-01T00:00:00Z" }, error: "The send time is in the past. Send now or choose a later time." },
        { body: { text: "Sale", segment: "all", sendAt: "tomorrow" }, error: "The send time is not a valid date and time." },
      ];
      for (const { body, language, error } of cases) {
        const answer = await call("POST", "/api/broadcasts", { body, language });
        assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
        assert.equal(answer.body.error, error);
      }
      assert.equal(await storedBroadcasts(), before);
    });

    test("a write without the page's CSRF token is refused", async () => {
      const answer = await call("POST", "/api/broadcasts", { body: { text: "Sale", segment: "all" }, csrf: false });
      assert.equal(answer.status, 403);
    });

    test("a preview reaches only the person composing it, announced as a preview, then exactly as people will get it", async () => {
      const answer = await call("POST", "/api/broadcasts/preview", {
        body: { text: "<i>Preview</i> of the sale", buttons: [{ text: "Shop", url: "https://example.com/shop" }] },
      });
      assert.equal(answer.status, 202);
      const note = await owner.reply();
      assert.equal(note.text, "👁 Preview of your broadcast: only you get it. The next message is exactly what people will receive.");
      const preview = await owner.reply();
      assert.equal(preview.text, "Preview of the sale");
      assert.deepEqual(preview.entities, [{ type: "italic", offset: 0, length: 7 }]);
      assert.deepEqual(preview.reply_markup?.inline_keyboard, [[{ text: "Shop", url: "https://example.com/shop" }]]);
      assert.equal((await call("POST", "/api/broadcasts/preview", { body: { text: "" } })).body.error, "Write the text of the message.");
      for (const person of people) assert.ok(!(await person.botMessages()).some((message) => message.text?.includes("Preview")));
    });

    test("a broadcast sent now reaches its audience, and its report counts sent and blocked", async () => {
      const created = await call("POST", "/api/broadcasts", {
        body: { text: "<b>Spring sale</b>: everything -20%", segment: "all", buttons: [{ text: "Shop", url: "https://example.com/shop" }] },
      });
      assert.equal(created.status, 201);
      const id = created.body.id as number;
      for (const person of [owner, people[0]!, people[1]!]) {
        const message = await person.replyContaining("Spring sale: everything -20%");
        assert.deepEqual(message.reply_markup?.inline_keyboard, [[{ text: "Shop", url: "https://example.com/shop" }]]);
      }
      const done = await eventually(async () => {
        const view = (await call("GET", `/api/broadcasts/${id}`)).body as unknown as BroadcastView;
        return view.status === "done" ? view : undefined;
      }, "the broadcast to be done");
      assert.equal(done.audience, 4);
      assert.deepEqual(done.report, { queued: 4, sent: 3, blocked: 1, failed: 0, pending: 0, withdrawn: 0 });
      assert.equal(done.progress, 1);
      assert.ok(!(await people[2]!.botMessages()).some((message) => message.text?.includes("Spring sale")));
      const listed = (await call("GET", "/api/broadcasts")).body.broadcasts as BroadcastView[];
      assert.equal(listed[0]?.id, id);
    });

    test("a scheduled broadcast can be cancelled once, and then never goes out", async () => {
      const sendAt = new Date(Date.now() + 60 * 60_000).toISOString();
      const created = await call("POST", "/api/broadcasts", { body: { text: "Tomorrow's news", segment: "role", params: { role: "owner" }, sendAt } });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, "scheduled");
      const id = created.body.id as number;
      const cancelled = await call("POST", `/api/broadcasts/${id}/cancel`);
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, "cancelled");
      const again = await call("POST", `/api/broadcasts/${id}/cancel`, { language: "ru" });
      assert.equal(again.status, 400);
      assert.equal(again.body.error, "Эта рассылка уже завершена, отменять нечего.");
      assert.equal(await app.database.db.selectFrom("scheduled_event").select("id").where("dedupe_key", "=", `broadcast:${id}:deliver`).executeTakeFirst(), undefined);
    });

    test("an unknown broadcast is a 404, and a malformed id a 400", async () => {
      assert.equal((await call("GET", "/api/broadcasts/999999")).status, 404);
      assert.equal((await call("POST", "/api/broadcasts/999999/cancel")).status, 404);
      assert.equal((await call("GET", "/api/broadcasts/abc")).status, 400);
    });
  });
}
