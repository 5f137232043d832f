import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../../src/main.ts";
import { feedbackModule } from "../../../src/modules/feedback/module.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { TelegramUser } from "../../support/telegram-user.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";

interface SettingsPage {
  settings: { timeZone: string; languages: string[]; modules: string[] | null; staffMayApply: boolean; noteMarker: string; anonymousStaff: boolean };
  editedAt: string | null;
  installedModules: string[];
  defaultModules: string[];
  supportedLanguages: { code: string; name: string }[];
  timeZones: string[];
}

for (const kind of databaseKinds) {
  describe(`the bot settings API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: SignedInClient;

    const bot = () => app.database.db.selectFrom("bot").selectAll().where("id", "=", "main").executeTakeFirstOrThrow();
    const audits = () => app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "settings.update").orderBy("id").execute();

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

    test("shows the settings from the config (UTC by default), the installed modules, the languages and the time zones", async () => {
      const answer = await owner.get<SettingsPage>("/api/settings");
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.settings, { timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true, noteMarker: "#note", anonymousStaff: false });
      assert.equal(answer.body.editedAt, null);
      assert.deepEqual(answer.body.installedModules, ["feedback"]);
      assert.deepEqual(answer.body.defaultModules, ["feedback"]);
      assert.deepEqual(answer.body.supportedLanguages, [
        { code: "en", name: "English" },
        { code: "ru", name: "Русский" },
      ]);
      for (const zone of ["UTC", "Europe/Berlin", "Asia/Tashkent", "America/New_York"]) assert.ok(answer.body.timeZones.includes(zone), zone);
    });

    test("saved settings are audited, marked as edited, and the bot follows them from the next update", async () => {
      const versionBefore = (await bot()).version;
      const saved = await owner.send<SettingsPage>("PUT", "/api/settings", { timeZone: "Asia/Tashkent", languages: ["ru"], modules: [], staffMayApply: false });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body.settings, { timeZone: "Asia/Tashkent", languages: ["ru"], modules: [], staffMayApply: false, noteMarker: "#note", anonymousStaff: false });
      assert.notEqual(saved.body.editedAt, null);

      const row = await bot();
      assert.ok(row.version > versionBefore, "the version moves, so every replica reloads");
      assert.notEqual(row.settings_edited_at, null);
      const [audit] = await audits();
      assert.equal(audit?.actor_id, OWNER_ID);
      assert.deepEqual(audit?.before, { timeZone: "UTC", languages: ["en", "ru"], modules: null });
      assert.deepEqual(audit?.after, { timeZone: "Asia/Tashkent", languages: ["ru"], modules: [], staffMayApply: false });

      // An English speaker now gets the bot's only language, and no module's menu.
      const user = new TelegramUser(emulator.control, { first_name: "Kim", language_code: "en" });
      user.send("/start");
      const home = await user.reply();
      assert.match(home.text ?? "", /^Здравствуйте, Kim! Здесь пока нет ничего для вас\./);
      assert.equal(home.reply_markup, undefined);
    });

    test("bad settings are refused with a clear message and change nothing", async () => {
      const before = { bot: await bot(), audits: await audits() };
      const valid = { timeZone: "Europe/Berlin", languages: ["en"], modules: null, staffMayApply: true };
      const cases: { body: unknown; error: RegExp; language?: string }[] = [
        { body: { ...valid, timeZone: "Mars/Olympus" }, error: /“Mars\/Olympus” is not a time zone/ },
        { body: { ...valid, timeZone: "+03:00" }, error: /is not a time zone/ },
        { body: { ...valid, languages: [] }, error: /Choose at least one language/ },
        { body: { ...valid, languages: ["en", "de"] }, error: /The bot cannot speak “de”. Choose from: en, ru/ },
        { body: { ...valid, modules: ["feedback", "casino"] }, error: /There is no module “casino”. Installed: feedback/ },
        { body: { ...valid, staffMayApply: "yes" }, error: /Please check the field “staffMayApply”/ },
        { body: { timeZone: "UTC" }, error: /Please check the field “languages”/ },
        { body: { ...valid, noteMarker: "note" }, error: /“note” cannot mark notes/ },
        { body: { ...valid, noteMarker: "#two words" }, error: /cannot mark notes/ },
        { body: { ...valid, noteMarker: "#seventeen-chars!" }, error: /cannot mark notes/ },
        { body: { ...valid, noteMarker: "" }, error: /cannot mark notes/ },
        { body: { ...valid, timeZone: "Nowhere/Place" }, error: /«Nowhere\/Place» — не часовой пояс/, language: "ru" },
      ];
      for (const example of cases) {
        const client = example.language === undefined ? owner : await signIn(app, OWNER_ID, { language: example.language });
        const answer = await client.send<{ error: string }>("PUT", "/api/settings", example.body);
        assert.equal(answer.status, 400, JSON.stringify(example.body));
        assert.match(answer.body.error, example.error);
      }
      assert.deepEqual(await bot(), before.bot);
      assert.deepEqual(await audits(), before.audits);
    });

    test("the note marker and anonymous staff are saved, and kept when a later save leaves them out", async () => {
      const marked = await owner.send<SettingsPage>("PUT", "/api/settings", { timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true, noteMarker: "//", anonymousStaff: true });
      assert.equal(marked.status, 200);
      assert.equal(marked.body.settings.noteMarker, "//");
      assert.equal(marked.body.settings.anonymousStaff, true);
      const later = await owner.send<SettingsPage>("PUT", "/api/settings", { timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true });
      assert.equal(later.body.settings.noteMarker, "//");
      assert.equal(later.body.settings.anonymousStaff, true);
      assert.deepEqual([(await bot()).settings.noteMarker, (await bot()).settings.anonymousStaff], ["//", true]);
      await owner.send<SettingsPage>("PUT", "/api/settings", { timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true, noteMarker: "#note", anonymousStaff: false });
    });

    test("null modules enable every installed module again, and the menu comes back", async () => {
      const saved = await owner.send<SettingsPage>("PUT", "/api/settings", { timeZone: "Asia/Tashkent", languages: ["en", "ru"], modules: null, staffMayApply: true });
      assert.equal(saved.status, 200);
      const user = new TelegramUser(emulator.control, { first_name: "Lee", language_code: "en" });
      user.send("/start");
      const home = await user.reply();
      assert.ok(home.reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("Write to us")));
    });

    test("admins may edit settings; people without the permission may not", async () => {
      await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: 900_010, role: "admin", granted_by: OWNER_ID }).execute();
      assert.equal((await (await signIn(app, 900_010)).get("/api/settings")).status, 200);
      const stranger = await signIn(app, 900_011);
      assert.equal((await stranger.get("/api/settings")).status, 403);
      assert.equal((await stranger.send("PUT", "/api/settings", { timeZone: "UTC", languages: ["en"], modules: null, staffMayApply: true })).status, 403);
    });
  });
}
