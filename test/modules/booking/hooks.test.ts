import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { masterLinkButton, newMasterButton } from "../../../src/modules/booking/callbacks.ts";
import { linkMasterTelegram } from "../../../src/modules/booking/commands/link-master-telegram.ts";
import { bookingModule } from "../../../src/modules/booking/module.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import { testKernel } from "../../support/module-kernel.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import type { CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import type { ModuleContext } from "../../../src/platform/module.ts";
import { LiveSettings } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { bookingTranslator } from "./commands-support.ts";
import { openSalon, type Salon } from "./salon.ts";

const OWNER = 810_001;
const NINA = 810_002;

for (const kind of databaseKinds) {
  describe(`someone given the master role, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    const clock = { now: () => new Date("2026-12-01T10:00:00Z") };
    let runtime: CommandRuntime;
    let context: ModuleContext;
    let settings: LiveSettings;
    const db = () => suite.database.db as unknown as Kysely<Tables>;
    const as = (salon: Salon, personId: number): Actor => ({ botId: salon.botId, personId, source: "web" });
    const told = (salon: Salon, chatId: number) =>
      db().selectFrom("outbox").select("payload").where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute();
    const texts = async (salon: Salon, chatId: number) => (await told(salon, chatId)).map((row) => String((row.payload as { text: string }).text));
    const masters = (salon: Salon) => db().selectFrom("booking_master").select(["display_name", "telegram_id"]).where("bot_id", "=", salon.botId).orderBy("id").execute();

    before(async () => {
      await db().insertInto("person").values([
        { telegram_id: OWNER, first_name: "Olga", last_name: null, username: null, language_code: "en" },
        { telegram_id: NINA, first_name: "Nina", last_name: "Berg", username: null, language_code: "en" },
      ]).execute();
      settings = new LiveSettings(suite.database.db, bookingTranslator);
      const kernel = testKernel({
        modules: [bookingModule],
        database: suite.database,
        translator: bookingTranslator,
        settings,
        clock,
      });
      runtime = kernel.runtime;
      context = kernel.context;
    });

    /** A salon of this test's own, with Olga its owner and Nina met by the bot. */
    async function salonWithPeople(): Promise<Salon> {
      const salon = await openSalon(db());
      await db().insertInto("bot_member").values([OWNER, NINA].map((telegram_id) => ({ bot_id: salon.botId, telegram_id }))).execute();
      await db().insertInto("role").values({ bot_id: salon.botId, telegram_id: OWNER, role: "owner", granted_by: null }).execute();
      await settings.refresh();
      return salon;
    }
    const grant = (salon: Salon, role = "master") =>
      suite.database.transaction(async (trx) => {
        await trx.insertInto("role").values({ bot_id: salon.botId, telegram_id: NINA, role, granted_by: OWNER }).execute();
        await context.announce(trx, as(salon, OWNER), { kind: "role-granted", telegramId: NINA, role });
      });

    test("where masters are not linked yet, whoever granted the role is asked which one it is, and the new master hears it is coming", async () => {
      const salon = await salonWithPeople();
      await grant(salon);
      const [question] = await told(salon, OWNER);
      const payload = question!.payload as { text: string; reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } };
      assert.equal(payload.text, "Nina Berg now holds the master role. Which master in the schedule is this?");
      assert.deepEqual(payload.reply_markup.inline_keyboard.map(([button]) => [button!.text, button!.callback_data]), [
        ["It is Anna", masterLinkButton.data({ telegramId: NINA, masterId: salon.anna })],
        ["It is Boris", masterLinkButton.data({ telegramId: NINA, masterId: salon.boris })],
        ["It is Clara", masterLinkButton.data({ telegramId: NINA, masterId: salon.clara })],
        ["A new master: Nina Berg", newMasterButton.data({ telegramId: NINA })],
      ]);
      assert.match((await texts(salon, NINA))[0]!, /An administrator is linking your account to your schedule/);
      assert.equal((await masters(salon)).filter((master) => master.telegram_id !== null).length, 0, "nothing is linked until the admin says which");
    });

    test("where every master is linked, a master record is made in their name, audited, and they are told what they can do", async () => {
      const salon = await salonWithPeople();
      await db().updateTable("booking_master").set((eb) => ({ telegram_id: eb("id", "+", 900_000) })).where("bot_id", "=", salon.botId).execute();
      await grant(salon);
      assert.deepEqual((await masters(salon)).at(-1), { display_name: "Nina Berg", telegram_id: NINA });
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(audit, [{ action: "booking.master.create", actor_id: OWNER }]);
      assert.match((await texts(salon, NINA))[0]!, /You are a master now, listed as Nina Berg\. Once an administrator gives you services and working hours/);
      assert.deepEqual(await told(salon, OWNER), []);
    });

    test("someone already linked to a master is told their schedule is theirs; another role changes nothing here", async () => {
      const salon = await salonWithPeople();
      await grant(salon, "admin");
      assert.deepEqual([await told(salon, NINA), await told(salon, OWNER)], [[], []]);
      await db().updateTable("booking_master").set({ telegram_id: NINA }).where("id", "=", salon.boris).execute();
      await grant(salon);
      assert.match((await texts(salon, NINA))[0]!, /^🧑‍🎨 You are Boris in the salon's schedule now\. \/myday and \/myweek show your bookings/);
      assert.equal((await masters(salon)).length, 3);
    });

    test("linking a master's account tells a holder of the role, and says whether the panel should offer it", async () => {
      const salon = await salonWithPeople();
      const unlinked = await runtime.run(as(salon, OWNER), linkMasterTelegram, { masterId: salon.anna, telegramId: NINA });
      assert.ok(unlinked.ok);
      assert.equal(unlinked.holdsMasterRole, false);
      assert.deepEqual(await told(salon, NINA), []);
      await db().insertInto("role").values({ bot_id: salon.botId, telegram_id: NINA, role: "master", granted_by: OWNER }).execute();
      const linked = await runtime.run(as(salon, OWNER), linkMasterTelegram, { masterId: salon.clara, telegramId: NINA });
      assert.ok(linked.ok === false, "one account is one master");
      await runtime.run(as(salon, OWNER), linkMasterTelegram, { masterId: salon.anna, telegramId: null });
      const relinked = await runtime.run(as(salon, OWNER), linkMasterTelegram, { masterId: salon.clara, telegramId: NINA });
      assert.ok(relinked.ok && relinked.holdsMasterRole);
      const notices = await texts(salon, NINA);
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, /You are Clara in the salon's schedule now/);
    });
  });
}
