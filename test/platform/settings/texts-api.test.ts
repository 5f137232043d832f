import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../../src/main.ts";
import { feedbackModule } from "../../../src/modules/feedback/module.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { TelegramUser } from "../../support/telegram-user.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";

interface TextEntry {
  key: string;
  default: string;
  override: string | null;
}
interface TextsPage {
  locale: string;
  texts: TextEntry[];
}

const ADMIN_ID = 900_002;
const CLIENT_ID = 900_003;

for (const kind of databaseKinds) {
  describe(`the texts API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: SignedInClient;

    const overrides = () => app.database.db.selectFrom("text_override").selectAll().execute();
    const auditRows = (action: string) => app.database.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

    before(async () => {
      database = await kind.fresh(migrationsOf([feedbackModule]));
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), [feedbackModule]);
      owner = await signIn(app, OWNER_ID);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("lists every text of a locale with its catalogue source and no override yet", async () => {
      const answer = await owner.get<TextsPage>("/api/texts?locale=ru");
      assert.equal(answer.status, 200);
      assert.equal(answer.body.locale, "ru");
      const help = answer.body.texts.find((text) => text.key === "help");
      assert.match(help?.default ?? "", /^<b>Что я умею<\/b>\n\/start – главное меню/);
      assert.equal(help?.override, null);
      assert.ok(answer.body.texts.some((text) => text.key === "feedback-ask"), "modules' texts are listed too");
    });

    test("a search keeps the texts whose key or words match", async () => {
      const answer = await owner.get<TextsPage>("/api/texts?locale=en&q=WRITE%20TO");
      assert.deepEqual(
        answer.body.texts.map((text) => text.key),
        ["feedback-menu", "command-feedback"],
      );
    });

    test("a saved override is audited, listed, and the bot answers with it", async () => {
      const saved = await owner.send("PUT", "/api/texts/en/home-greeting", { text: "Welcome back, { $name }! Pick one:" });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.override, "Welcome back, { $name }! Pick one:");
      assert.deepEqual(saved.body.warnings, []);

      const listed = await owner.get<TextsPage>("/api/texts?locale=en&q=home-greeting");
      assert.equal(listed.body.texts[0]?.override, "Welcome back, { $name }! Pick one:");
      const [audit] = await auditRows("texts.override");
      assert.equal(audit?.actor_id, OWNER_ID);
      assert.equal(audit?.object_id, "en:home-greeting");
      assert.deepEqual(audit?.before, { text: null });
      assert.deepEqual(audit?.after, { text: "Welcome back, { $name }! Pick one:" });

      const user = new TelegramUser(emulator.control, { first_name: "Ida", language_code: "en" });
      user.send("/start");
      assert.equal((await user.reply()).text, "Welcome back, Ida! Pick one:");
      const russian = new TelegramUser(emulator.control, { first_name: "Иван", language_code: "ru" });
      russian.send("/start");
      assert.match((await russian.reply()).text ?? "", /^Здравствуйте, Иван/, "other languages keep their text");
    });

    test("leaving out a variable the default shows is saved with a warning", async () => {
      const saved = await owner.send<{ warnings: string[] }>("PUT", "/api/texts/en/feedback-too-long", { text: "That is too long." });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.warnings, ["Saved. Note that the default shows { $max } and this text does not."]);
    });

    test("bad input is refused with a clear message and changes nothing", async () => {
      const before = { overrides: await overrides(), audit: await auditRows("texts.override") };
      const cases: { path: string; body: unknown; error: RegExp; language?: string }[] = [
        { path: "/api/texts/en/help", body: { text: "Hello { $nmae }" }, error: /cannot use \{ \$nmae \}.*Available: —/ },
        { path: "/api/texts/en/home-greeting", body: { text: "Hi { $nmae }" }, error: /Available: \{ \$name \}/ },
        { path: "/api/texts/en/help", body: { text: "<b>Help\n{ $x" }, error: /Line 2: a “\{” is never closed/ },
        { path: "/api/texts/en/help", body: { text: "Offers:\n* one" }, error: /Line 2 starts with “\*”/ },
        { path: "/api/texts/en/help", body: { text: "<b>Help" }, error: /The tag <b> is not closed/ },
        { path: "/api/texts/en/help", body: { text: "   " }, error: /The text is empty/ },
        { path: "/api/texts/en/no-such-key", body: { text: "Hello" }, error: /There is no text “no-such-key”/ },
        { path: "/api/texts/de/help", body: { text: "Hallo" }, error: /Choose one of: en, ru/ },
        { path: "/api/texts/en/help", body: { words: "Hello" }, error: /Please check the field “text”/ },
        { path: "/api/texts/en/help", body: { text: 42 }, error: /Please check the field “text”/ },
        { path: "/api/texts/ru/help", body: { text: "Привет { $имя" }, error: /Строка 1: «\{» не закрыта/, language: "ru" },
      ];
      for (const example of cases) {
        const client = example.language === undefined ? owner : await signIn(app, OWNER_ID, { language: example.language });
        const answer = await client.send<{ error: string }>("PUT", example.path, example.body);
        assert.equal(answer.status, 400, example.path);
        assert.match(answer.body.error, example.error);
      }
      assert.deepEqual(await overrides(), before.overrides);
      assert.deepEqual(await auditRows("texts.override"), before.audit);
      const unknownLocale = await owner.get<{ error: string }>("/api/texts?locale=xx");
      assert.equal(unknownLocale.status, 400);
    });

    test("a reset brings back the catalogue's text, and resetting again changes nothing", async () => {
      const reset = await owner.send("DELETE", "/api/texts/en/home-greeting");
      assert.equal(reset.status, 200);
      assert.equal(reset.body.override, null);
      assert.equal((await auditRows("texts.reset")).length, 1);
      const user = new TelegramUser(emulator.control, { first_name: "Jo", language_code: "en" });
      user.send("/start");
      assert.match((await user.reply()).text ?? "", /^Hello, Jo! What would you like to do\?/);

      assert.equal((await owner.send("DELETE", "/api/texts/en/home-greeting")).status, 200);
      assert.equal((await auditRows("texts.reset")).length, 1, "nothing reset, nothing audited");
      assert.equal((await owner.send("DELETE", "/api/texts/en/no-such-key")).status, 400);
    });

    test("tags are refused where the bot sends a text plain, and reach clients as formatting where it is sent as HTML", async () => {
      const before = await overrides();
      const english = await owner.send<{ error: string }>("PUT", "/api/texts/en/home-greeting", { text: "Hello, <b>{ $name }</b>!" });
      assert.equal(english.status, 400);
      assert.match(english.body.error, /<b> would show to people as typed/);
      const russianOwner = await signIn(app, OWNER_ID, { language: "ru" });
      const russian = await russianOwner.send<{ error: string }>("PUT", "/api/texts/ru/home-greeting", { text: "Привет, <b>{ $name }</b>!" });
      assert.equal(russian.status, 400);
      assert.match(russian.body.error, /<b> люди увидят как есть/);
      assert.deepEqual(await overrides(), before, "nothing saved");
      const client = new TelegramUser(emulator.control, { first_name: "Kim", language_code: "en" });
      client.send("/start");
      assert.match((await client.reply()).text ?? "", /^Hello, Kim! What would you like to do\?/);

      assert.equal((await owner.send("PUT", "/api/texts/en/help", { text: "<i>Our help</i>\n/start – the menu" })).status, 200);
      client.send("/help");
      const help = await client.reply();
      assert.equal(help.text?.split("\n")[0], "Our help", "no tags are shown");
      assert.deepEqual(help.entities?.[0], { type: "italic", offset: 0, length: 8 });
      assert.equal((await owner.send("DELETE", "/api/texts/en/help")).status, 200);
    });

    test("only people who may edit texts reach them, and writes need the CSRF token", async () => {
      await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: ADMIN_ID, role: "admin", granted_by: OWNER_ID }).execute();
      const admin = await signIn(app, ADMIN_ID);
      assert.equal((await admin.get("/api/texts")).status, 200, "admins edit texts");
      const client = await signIn(app, CLIENT_ID);
      assert.equal((await client.get("/api/texts")).status, 403);
      assert.equal((await client.send("PUT", "/api/texts/en/help", { text: "Hacked" })).status, 403);
      assert.equal((await fetch(`${app.url}/api/texts`)).status, 401);
      assert.equal((await owner.send("PUT", "/api/texts/en/help", { text: "No token" }, { csrf: false })).status, 403);
      assert.equal((await overrides()).some((row) => row.key === "help"), false);
    });
  });
}
