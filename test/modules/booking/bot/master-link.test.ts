import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { masterLinkButton, newMasterButton } from "../../../../src/modules/booking/callbacks.ts";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import type { Tables } from "../../../../src/modules/booking/tables.ts";
import { botHarness, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const OLGA = 882_001;
const NINA = 882_002;
const PETR = 882_003;

// Only PGlite: the handlers' SQL goes through the commands, which their own medium tests run on both databases.
for (const kind of databaseKinds.filter((candidate) => candidate.name === "pglite")) {
  describe(`an admin saying which master someone given the role is, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    let harness: BotHarness;
    const db = () => suite.database.db as unknown as Kysely<Tables>;
    const masterOf = (telegramId: number) => db().selectFrom("booking_master").select("display_name").where("telegram_id", "=", telegramId).executeTakeFirst();

    before(async () => {
      harness = await botHarness({
        database: suite.database,
        modules: [bookingModule],
        languages: ["en", "ru"],
        people: [
          { id: OLGA, first_name: "Olga", language_code: "ru", roles: ["admin"] },
          { id: NINA, first_name: "Nina", language_code: "en", roles: ["master"] },
          { id: PETR, first_name: "Petr", language_code: "en", roles: ["master"] },
        ],
      });
      await seedDemoSalon(suite.database, harness.botId);
    });

    test("a press links them to that master, and the question becomes the answer", async () => {
      const olga = harness.user({ id: OLGA, first_name: "Olga", language_code: "ru" });
      const boris = await db().selectFrom("booking_master").select("id").where("display_name", "=", "Boris").executeTakeFirstOrThrow();
      const calls = await olga.press(masterLinkButton.data({ telegramId: NINA, masterId: boris.id }));
      assert.deepEqual(
        calls.filter((call) => call.method === "editMessageText").map((call) => call.payload.text),
        ["✅ Привязано к мастеру Boris: теперь мастер видит свои записи в боте."],
      );
      assert.deepEqual(await masterOf(NINA), { display_name: "Boris" });
    });

    test("a press on 'a new master' makes one in their name; a second press is refused, naming why", async () => {
      const olga = harness.user({ id: OLGA, first_name: "Olga", language_code: "ru" });
      await olga.press(newMasterButton.data({ telegramId: PETR }));
      assert.deepEqual(await masterOf(PETR), { display_name: "Petr" });
      const again = await olga.press(newMasterButton.data({ telegramId: PETR }));
      const refusal = again.find((call) => call.method === "sendMessage");
      assert.equal(refusal?.payload.text, harness.context.translator.translate(harness.botId, "ru", "booking-catalogue-telegram-taken"));
    });

    test("only someone who runs the salon may answer", async () => {
      const nina = harness.user({ id: NINA, first_name: "Nina", language_code: "en" });
      const clara = await db().selectFrom("booking_master").select("id").where("display_name", "=", "Clara").executeTakeFirstOrThrow();
      await nina.press(masterLinkButton.data({ telegramId: PETR, masterId: clara.id }));
      assert.deepEqual(await masterOf(PETR), { display_name: "Petr" });
    });
  });
}
