import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bumpSettingsVersion } from "../../../../src/platform/settings/live-settings.ts";
import { accessBot, buttonsOf, pglite } from "./access-bot.ts";

const OLGA = 850_001;
const KIRA = 850_002;
const BORIS = 850_003;
const LEV = 850_004;

interface OwnMenu {
  commands: { command: string; description: string }[];
  scope: { type: string; chat_id: number };
}

for (const kind of pglite) {
  describe(`the home menu and command menus a person sees, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const bot = accessBot(kind, [
      { id: OLGA, first_name: "Olga", roles: ["owner"] },
      { id: KIRA, first_name: "Kira" },
      { id: BORIS, first_name: "Boris" },
      { id: LEV, first_name: "Lev", roles: ["admin"] },
    ]);

    const letStrangersApply = async (staffMayApply: boolean) => {
      const db = bot.db();
      await db.updateTable("bot").set({ settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply }) }).where("id", "=", bot.harness.botId).execute();
      await bumpSettingsVersion(db, bot.harness.botId);
      await bot.harness.context.settings.refresh();
    };
    const homeOf = async (id: number) => {
      const [home] = await bot.user(id).send("/start");
      return buttonsOf(home).map(([label]) => label);
    };
    const ownMenusOf = async (id: number) => (await bot.harness.outbox()).filter((row) => row.chat_id === id && row.method === "setMyCommands").map((row) => row.payload as unknown as OwnMenu);

    test("a client is offered to apply only where the bot lets strangers apply, and never to log in", async () => {
      await letStrangersApply(false);
      assert.deepEqual(await homeOf(KIRA), []);
      await letStrangersApply(true);
      assert.deepEqual(await homeOf(KIRA), ["📝 Apply for access"]);
    });

    test("a blocked person is not offered to apply", async () => {
      await homeOf(BORIS);
      await bot.db().insertInto("access_block").values({ bot_id: bot.harness.botId, telegram_id: BORIS, reason: null, blocked_by: OLGA }).execute();
      assert.deepEqual(await homeOf(BORIS), []);
    });

    test("choosing Русский gives a client the command menu in Russian, with no staff commands", async () => {
      await letStrangersApply(false);
      const kira = bot.user(KIRA);
      await kira.send("/language");
      await kira.press("lang:ru");
      const [menu] = await ownMenusOf(KIRA);
      assert.deepEqual(menu?.scope, { type: "chat", chat_id: KIRA });
      assert.deepEqual(menu?.commands.map((command) => command.command), ["start", "help", "language", "cancel"]);
      assert.equal(menu?.commands[0]?.description, "Главное меню");
      const [home] = await kira.send("/start");
      assert.match(String(home?.payload.text), /^Здравствуйте, Kira/);
    });

    test("choosing Русский gives staff their own commands in Russian", async () => {
      const lev = bot.user(LEV);
      await lev.send("/language");
      await lev.press("lang:ru");
      const menu = (await ownMenusOf(LEV)).at(-1);
      const commands = new Map(menu?.commands.map((command) => [command.command, command.description]));
      assert.equal(commands.get("login"), "Ссылка для входа в панель");
      assert.equal(commands.get("sessions"), "Ваши веб-сеансы");
      assert.equal(commands.get("requests"), "Заявки на доступ");
    });
  });
}
