import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Api } from "grammy";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { defineModule } from "../../../src/platform/module.ts";
import type { CurrentSettings } from "../../../src/platform/settings/live-settings.ts";
import { commandsFor, menuFingerprints, publishCommandMenus } from "../../../src/platform/telegram/command-menus.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const salon = defineModule({
  name: "salon",
  botCommands: [
    { command: "book", description: "Book a visit" },
    { command: "day", description: "My day", roles: ["master"] },
    { command: "staff", description: "Staff", roles: ["admin"] },
  ],
});
const asText = (key: string) => key;
const settings: CurrentSettings = { timeZone: "UTC", languages: ["en"], modules: null, staffMayApply: true, noteMarker: "#note", anonymousStaff: false };
const staffOnly = defineModule({
  name: "desk",
  botCommands: [
    { command: "login", description: "Log in", when: ({ roles, settings }) => roles.size > 0 || settings.staffMayApply },
    { command: "sessions", description: "Sessions", when: ({ roles }) => roles.size > 0 },
  ],
});

test("a client's menu has the platform's commands and the public ones of modules", () => {
  assert.deepEqual(
    commandsFor(new Set(), [salon], asText, settings).map((command) => command.command),
    ["start", "help", "language", "cancel", "book"],
  );
});

test("a master also sees the master's commands, and not the admin's", () => {
  const commands = commandsFor(new Set(["master"]), [salon], asText, settings).map((command) => command.command);
  assert.ok(commands.includes("day"));
  assert.ok(!commands.includes("staff"));
});

test("an owner sees every command", () => {
  const commands = commandsFor(new Set(["owner"]), [salon], asText, settings).map((command) => command.command);
  assert.ok(commands.includes("day") && commands.includes("staff"));
});

test("staff-only commands stay out of a client's menu, and a stranger's command shows only where strangers may apply", () => {
  const names = (roles: string[], staffMayApply: boolean) => commandsFor(new Set(roles), [staffOnly], asText, { ...settings, staffMayApply }).map((command) => command.command);
  assert.deepEqual(names([], false), ["start", "help", "language", "cancel"]);
  assert.deepEqual(names([], true), ["start", "help", "language", "cancel", "login"]);
  assert.deepEqual(names(["master"], false), ["start", "help", "language", "cancel", "login", "sessions"]);
});

test("descriptions come from the catalogue in the menu's language", () => {
  const [start] = commandsFor(new Set(), [], (key) => `ru:${key}`, settings);
  assert.equal(start?.description, "ru:command-start");
});

for (const kind of databaseKinds) {
  describe(`publishing command menus on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const publicMenus: unknown[] = [];
    const api = { setMyCommands: (commands: unknown) => Promise.resolve(publicMenus.push(commands) > 0) } as unknown as Api;
    const translator = new Translator([]);
    const publish = (at: number) =>
      publishCommandMenus({ botId: "salon", api, db: suite.database.db, modules: [salon], translator, settings, now: new Date(at) });
    const queued = () =>
      suite.database.db.selectFrom("outbox").select(["chat_id", "method"]).where("bot_id", "=", "salon").orderBy("id").execute();

    test("a staff member's menu is queued when it changes, never twice the same, and deleted when they lose their roles", async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: "salon", telegram_id: 1, username: "s", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
      await db.insertInto("role").values({ bot_id: "salon", telegram_id: 77, role: "master", granted_by: null }).execute();
      await publish(1);
      await publish(2);
      assert.deepEqual(await queued(), [{ chat_id: 77, method: "setMyCommands" }]);

      await db.deleteFrom("role").where("telegram_id", "=", 77).execute();
      await publish(3);
      await publish(4);
      assert.deepEqual((await queued()).map((row) => row.method), ["setMyCommands", "deleteMyCommands"]);

      await db.insertInto("role").values({ bot_id: "salon", telegram_id: 77, role: "master", granted_by: null }).execute();
      await publish(5);
      assert.deepEqual((await queued()).map((row) => row.method), ["setMyCommands", "deleteMyCommands", "setMyCommands"], "the same menu as before is set again after a deletion");
    });

    test("someone who chose a language gets the public menu in it as their own, and keeps it when it does not change", async () => {
      const db = suite.database.db;
      const ru = new Translator([{ locale: "ru", ftl: "command-start = Главное меню" }]);
      const both = { ...settings, languages: ["en", "ru"] as ("en" | "ru")[] };
      const publishBoth = (at: number) => publishCommandMenus({ botId: "salon", api, db, modules: [salon], translator: ru, settings: both, now: new Date(at) });
      await db.insertInto("person").values({ telegram_id: 91, first_name: "Ира", language_code: "en" }).execute();
      await db.insertInto("bot_member").values({ bot_id: "salon", telegram_id: 91, language: "ru" }).execute();
      await publishBoth(10);
      await publishBoth(11);
      const own = await db.selectFrom("outbox").select(["method", "payload"]).where("chat_id", "=", 91).execute();
      assert.equal(own.length, 1);
      const payload = own[0]?.payload as { commands: { command: string; description: string }[]; scope: unknown };
      assert.deepEqual(payload.scope, { type: "chat", chat_id: 91 });
      assert.deepEqual(payload.commands[0], { command: "start", description: "Главное меню" });
      assert.deepEqual(payload.commands.map((command) => command.command), ["start", "help", "language", "cancel", "book"], "a client's commands only");
    });

    test("the fingerprint moves with roles and with the settings version", async () => {
      const db = suite.database.db;
      const before = (await menuFingerprints(db)).get("salon");
      await db.insertInto("role").values({ bot_id: "salon", telegram_id: 78, role: "admin", granted_by: null }).execute();
      const afterGrant = (await menuFingerprints(db)).get("salon");
      assert.notEqual(afterGrant, before);
      await db.updateTable("bot").set({ version: 99 }).where("id", "=", "salon").execute();
      assert.notEqual((await menuFingerprints(db)).get("salon"), afterGrant);
    });
  });
}
