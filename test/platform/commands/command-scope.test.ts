/**
 * What a command's scope gives it besides its transaction: the actor's bot's settings, the app's
 * roles, and `tell` that sends a new message or edits one sent before, in the reader's language.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { permissionsOf } from "../../../src/platform/app/module-context.ts";
import { testKernel } from "../../support/module-kernel.ts";
import { createCommandRuntime, type CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import { defineCommand, type CommandScope } from "../../../src/platform/commands/command.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { defineModule } from "../../../src/platform/module.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const ANNA = 830_001;
const IVAN = 830_002;

/** A module with a role of its own, so the scope's roles are more than the platform's. */
const salon = defineModule({ name: "salon", roles: ["master"] });

/** Hands the test what the scope held, and does whatever `work` asks in it. */
const peek = defineCommand("test.peek", async (scope: CommandScope, work: (scope: CommandScope) => Promise<unknown>) => ({ result: await work(scope), audit: null }));

for (const kind of databaseKinds) {
  describe(`a command's scope on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let runtime: CommandRuntime;
    const db = () => suite.database.db;
    const inBot = <Result>(botId: string, work: (scope: CommandScope) => Promise<Result>) => runtime.run({ botId, personId: null, source: "system" }, peek, work) as Promise<Result>;
    const outboxRow = (dedupeKey: string) => db().selectFrom("outbox").select(["chat_id", "method", "payload"]).where("dedupe_key", "=", dedupeKey).executeTakeFirst();

    before(async () => {
      await db()
        .insertInto("bot")
        .values([
          { id: "berlin", telegram_id: 1, username: "berlin_bot", settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: null }) },
          { id: "tokyo", telegram_id: 2, username: "tokyo_bot", settings: JSON.stringify({ timeZone: "Asia/Tokyo", languages: ["en"], modules: null }) },
        ])
        .execute();
      await db()
        .insertInto("person")
        .values([
          { telegram_id: ANNA, first_name: "Anna", last_name: null, username: null, language_code: "en" },
          { telegram_id: IVAN, first_name: "Иван", last_name: null, username: null, language_code: "ru" },
        ])
        .execute();
      const translator = new Translator(platformCatalogues());
      const settings = new LiveSettings(db(), translator);
      await settings.refresh();
      runtime = testKernel({
        modules: [salon],
        database: suite.database,
        translator,
        settings,
        publicUrl: () => "http://127.0.0.1:3000",
      }).runtime;
    });

    test("its settings are those of the actor's bot: time zone and languages", async () => {
      assert.deepEqual(await inBot("berlin", (scope) => Promise.resolve([scope.settings.timeZone, scope.settings.languages])), ["Europe/Berlin", ["en", "ru"]]);
      assert.deepEqual(await inBot("tokyo", (scope) => Promise.resolve([scope.settings.timeZone, scope.settings.languages])), ["Asia/Tokyo", ["en"]]);
    });

    test("its roles are every declared one, and it says which hold a permission", async () => {
      const [names, managers] = await inBot("berlin", (scope) => Promise.resolve([[...scope.roles.names].sort(), [...scope.roles.holding("people.manage")].sort()]));
      assert.deepEqual(names, ["admin", "master", "owner"]);
      assert.deepEqual(managers, ["admin", "owner"], "a master does not manage people");
    });

    test("tell sends a new message in the person's language; with editing it edits the one sent before, in their language", async () => {
      const notice = (dedupeKey: string) => ({ dedupeKey, render: (_locale: string, t: (key: string) => string) => ({ text: t("button-expired"), buttons: [[{ text: "ok", callback_data: "x:1" }]] }) });
      assert.equal(await inBot("berlin", (scope) => scope.tell(IVAN, notice("card:ivan"))), true);
      const sent = await outboxRow("card:ivan");
      assert.equal(sent?.method, "sendMessage");
      assert.match(String(sent?.payload.text), /устарела/);

      assert.equal(await inBot("berlin", (scope) => scope.tell(IVAN, notice("card:ivan:edit:1"), { editing: "card:ivan" })), true);
      const edit = await outboxRow("card:ivan:edit:1");
      assert.equal(edit?.method, "editMessageText");
      assert.equal(edit?.chat_id, IVAN);
      assert.deepEqual(edit?.payload, {
        chat_id: IVAN,
        message_id_of: "card:ivan",
        text: "Эта кнопка устарела.",
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[{ text: "ok", callback_data: "x:1" }]] },
      });
      assert.equal(await inBot("berlin", (scope) => scope.tell(IVAN, notice("card:ivan:edit:1"), { editing: "card:ivan" })), false, "the same edit again queues nothing");

      await inBot("berlin", (scope) => scope.tell(ANNA, { dedupeKey: "card:anna:edit:1", render: (_locale, t) => ({ text: t("button-expired") }) }, { editing: "card:anna" }));
      const english = await outboxRow("card:anna:edit:1");
      assert.equal(english?.payload.text, "This button has expired.");
      assert.equal(english?.payload.reply_markup, undefined, "an edit without buttons takes them away");
    });

    test("an edit cannot change a photo: it throws, and the command queues nothing", async () => {
      await assert.rejects(
        inBot("berlin", (scope) => scope.tell(ANNA, { dedupeKey: "photo:anna:edit", render: () => ({ text: "caption", photo: "file-1" }) }, { editing: "photo:anna" })),
        /not its file/,
      );
      assert.equal(await outboxRow("photo:anna:edit"), undefined);
    });

    test("a runtime built without the bots' settings says so where a command reads them", async () => {
      const bare = createCommandRuntime({
        database: suite.database,
        translator: new Translator(platformCatalogues()),
        permissions: permissionsOf([]),
        clock: { now: () => new Date() },
        jobs: { send: () => Promise.resolve(null) },
        languagesOf: () => ["en"],
        eventKinds: new Set(),
        queues: new Set(),
        hooksOf: () => [],
      });
      await assert.rejects(bare.run({ botId: "berlin", personId: null, source: "system" }, peek, (scope) => Promise.resolve(scope.settings.timeZone)), /without the bots' settings/);
    });
  });
}
