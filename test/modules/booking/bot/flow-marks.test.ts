import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { bookButton } from "../../../../src/modules/booking/callbacks.ts";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const NINA = 882_001;

const said = (calls: ApiCall[]) => calls.map((call) => [call.method, call.payload.text]);

/** Every callback data on the buttons of `calls`. */
const buttonsOf = (calls: ApiCall[]) =>
  calls.flatMap((call) => (call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard?.flat() ?? []).map((button) => button.callback_data ?? "");

for (const kind of databaseKinds) {
  describe(`a flow's buttons carry its mark, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    let harness: BotHarness;
    const stepOf = async () => (await suite.database.db.selectFrom("flow").select(["name", "step", "data"]).where("user_id", "=", NINA).executeTakeFirst()) ?? null;

    before(async () => {
      harness = await botHarness({ database: suite.database, modules: [bookingModule], languages: ["en", "ru"], people: [{ id: NINA, first_name: "Нина", language_code: "ru" }] });
      await seedDemoSalon(suite.database, harness.botId);
    });

    test("a button of the client's own booking flow with its f<n>: mark taken off is refused as expired in her language, and the flow stays where it was", async () => {
      const nina = harness.user({ id: NINA, first_name: "Нина", language_code: "ru" });
      const services = buttonsOf(await nina.press(bookButton.data({}))).filter((data) => /^f\d+:bk-s:\d+$/.test(data));
      assert.ok(services.length > 0);
      const atService = await stepOf();
      assert.equal(atService?.step, "service");

      for (const unmarked of [services[0]!.replace(/^f\d+:/, ""), "bk-x", "bk-ok"]) {
        assert.deepEqual(said(await nina.press(unmarked)), [["answerCallbackQuery", "Эта кнопка устарела."]], unmarked);
        assert.deepEqual(await stepOf(), atService, unmarked);
      }
      // The same button with its mark goes on to the masters.
      await nina.press(services[0]!);
      assert.equal((await stepOf())?.step, "master");
      assert.deepEqual(await harness.outbox(), []);
    });
  });
}
