import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import type { Tables } from "../../../../src/modules/booking/tables.ts";
import { botHarness, type ApiCall, type BotHarness, type HarnessUser } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

// Only PGlite: the booking command behind the flow runs on both databases in its own tests.
const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

/** Monday 2 March 2026, 08:00 in Berlin: the demo salon opens at 09:00. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");
const OLGA = 882_001;
const PYOTR = 882_002;
const ANNA = 882_003;

/** The inline buttons of the last call that has any, as [text, callback data]. */
function buttonsOf(calls: ApiCall[]): [string, string][] {
  const keyboards = calls.map((call) => (call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard);
  const last = keyboards.findLast((keyboard) => keyboard !== undefined) ?? [];
  return last.flat().map((button) => [button.text, button.callback_data ?? ""]);
}

/** Presses the button of `calls` whose label contains `label`, or whose data ends with `{ data }`. */
function press(user: HarnessUser, calls: ApiCall[], button: string | { data: string }): Promise<ApiCall[]> {
  const found = buttonsOf(calls).find(([text, data]) => (typeof button === "string" ? text.includes(button) : data.endsWith(button.data)));
  if (found === undefined) throw new Error(`no button ${JSON.stringify(button)} in ${JSON.stringify(buttonsOf(calls))}`);
  return user.press(found[1]);
}

const textsOf = (calls: ApiCall[]) => calls.map((call) => (typeof call.payload.text === "string" ? call.payload.text : ""));
const saying = (calls: ApiCall[], text: string) => assert.ok(textsOf(calls).some((said) => said.includes(text)), `"${text}" in ${JSON.stringify(textsOf(calls))}`);

for (const kind of pglite) {
  describe(`an admin booking a client in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    let harness: BotHarness;
    const db = () => suite.database.db as unknown as Kysely<Tables>;

    before(async () => {
      const clock = { at: MONDAY_MORNING, now: () => clock.at };
      harness = await botHarness({
        database: suite.database,
        modules: [bookingModule],
        languages: ["en", "ru"],
        timeZone: "Europe/Berlin",
        clock,
        people: [
          { id: OLGA, first_name: "Olga", roles: ["admin"] },
          { id: PYOTR, first_name: "Pyotr", language_code: "ru", roles: ["admin"] },
          { id: ANNA, first_name: "Anna" },
        ],
      });
      await seedDemoSalon(suite.database, harness.botId, { masterTelegramId: ANNA });
    });

    /** From the admin's /salon to Anna's haircut at `time` on the 4th of March; resolves to the calls of the time's press. */
    const chooseTime = async (admin: HarnessUser, time: string) => {
      const salon = await admin.send("/salon");
      const service = await press(admin, salon, "➕");
      const master = await press(admin, service, "Haircut");
      const day = await press(admin, master, "Anna");
      const times = await press(admin, day, { data: "bk-d:2026-03-04" });
      return press(admin, times, time);
    };

    test("bad input is answered in the admin's language and changes nothing: a bad phone (then a shared contact), a time taken meanwhile (with the next free times)", async () => {
      const pyotr = harness.user({ id: PYOTR, first_name: "Pyotr", language_code: "ru" });
      const olga = harness.user({ id: OLGA, first_name: "Olga" });

      saying(await chooseTime(pyotr, "12:00"), "Имя клиента?");
      saying(await pyotr.send("Иван"), "Телефон клиента");
      saying(await pyotr.send("12345"), "Это не номер телефона.");
      const summary = await pyotr.shareContact("79123456789");
      saying(summary, "Проверьте запись:");

      // Olga books the same time first.
      saying(await chooseTime(olga, "12:00"), "The client's name?");
      saying(await olga.send("Quick Quentin"), "phone number");
      const olgasSummary = await olga.send("+4915100000009");
      saying(olgasSummary, "Please check the booking:");
      saying(await press(olga, olgasSummary, "Confirm"), "Booked: Haircut with Anna, Wed, March 4, 2026 at 12:00");

      const taken = await press(pyotr, summary, "Подтвердить");
      saying(taken, "это время только что заняли");
      const offered = buttonsOf(taken).map(([label]) => label);
      assert.ok(offered.some((label) => label.includes("14:00")), `the next free time after lunch: ${offered.join(", ")}`);
      const ivan = await db().selectFrom("booking_client").select("id").where("phone", "=", "+79123456789").executeTakeFirst();
      assert.equal(ivan, undefined, "nothing written for the refused booking");

      const again = await press(pyotr, taken, "14:00");
      saying(again, "Проверьте запись:");
      saying(await press(pyotr, again, "Подтвердить"), "Записано: Haircut, мастер Anna");
      const toAnna = (await harness.outbox()).filter((row) => row.chat_id === ANNA).map((row) => String(row.payload.text));
      assert.ok(toAnna.some((text) => text.includes("Client: Иван, +79123456789")), JSON.stringify(toAnna));
    });
  });
}
