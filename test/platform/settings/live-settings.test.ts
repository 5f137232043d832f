import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { bumpSettingsVersion, LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const catalogues = [
  { locale: "en" as const, ftl: "greeting = Hello" },
  { locale: "ru" as const, ftl: "greeting = Привет" },
];

for (const kind of databaseKinds) {
  describe(`live settings on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    test("a replica picks up settings and texts another replica saved, once their version moves", async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: "salon", telegram_id: 7, username: "salon_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null }) }).execute();
      const translator = new Translator(catalogues);
      const replica = new LiveSettings(db, translator);
      assert.deepEqual(await replica.refresh(), ["salon"]);
      assert.deepEqual(replica.of("salon"), { timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true, noteMarker: "#note", anonymousStaff: false });

      await db.insertInto("text_override").values({ bot_id: "salon", locale: "ru", key: "greeting", text: "Здравствуйте" }).execute();
      await db.updateTable("bot").set({ settings: JSON.stringify({ timeZone: "Europe/Berlin", languages: ["ru"], modules: ["booking"], staffMayApply: false }) }).execute();
      assert.deepEqual(await replica.refresh(), [], "nothing reloads before the version moves");
      assert.equal(translator.translate("salon", "ru", "greeting"), "Привет");

      await bumpSettingsVersion(db, "salon");
      assert.deepEqual(await replica.refresh(), ["salon"]);
      assert.equal(translator.translate("salon", "ru", "greeting"), "Здравствуйте");
      assert.equal(translator.translate("another-bot", "ru", "greeting"), "Привет");
      assert.deepEqual(replica.of("salon"), { timeZone: "Europe/Berlin", languages: ["ru"], modules: ["booking"], staffMayApply: false, noteMarker: "#note", anonymousStaff: false });
    });
  });
}
