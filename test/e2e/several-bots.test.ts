import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createBotApiEmulator } from "../../src/sandbox/emulator.ts";
import { shippedMigrations, startAppInProcess } from "../support/app.ts";
import { freshPglite } from "../support/databases.ts";
import { eventually } from "../support/telegram-user.ts";

const SALON = "2222222:salon-bot-token-for-tests";
const CLINIC = "3333333:clinic-bot-token-for-tests";

test("a config file runs several bots, each a tenant with its own owners and language", async (t) => {
  const database = await freshPglite(shippedMigrations);
  const emulator = createBotApiEmulator();
  const url = await emulator.listen(0, "127.0.0.1");
  const configFile = join(database.env.DATA_DIR ?? "", "..", `bots-${process.pid}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      bots: [
        { id: "salon", token: SALON, owners: [700_001], languages: ["en"] },
        { id: "clinic", token: CLINIC, owners: [700_002], languages: ["ru"] },
      ],
    }),
  );
  const app = await startAppInProcess({ ...database.env, BOTYARD_CONFIG: configFile, TELEGRAM_API_ROOT: url, PORT: "0", LOG_LEVEL: "warn" });
  t.after(async () => {
    await app.stop("test over");
    await emulator.close();
    await database.drop();
    rmSync(configFile, { force: true });
  });

  const user = emulator.control.createUser({ first_name: "Vera", language_code: "en" });
  emulator.control.send({ bot: SALON, from: user.id, text: "/help" });
  emulator.control.send({ bot: CLINIC, from: user.id, text: "/help" });
  const replies = await eventually(async () => {
    const entries = await emulator.control.transcript({ chat_id: user.id });
    const fromBots = entries.filter((entry) => entry.direction === "from_bot");
    return fromBots.length >= 2 ? fromBots : undefined;
  }, "both bots to answer");
  const text = (botId: number) => replies.find((entry) => entry.bot_id === botId)?.message?.text ?? "";
  assert.match(text(2222222), /What I can do/, "the salon bot speaks English");
  assert.match(text(3333333), /Что я умею/, "the clinic bot speaks only Russian");

  const owners = await app.database.db.selectFrom("role").select(["bot_id", "telegram_id"]).where("role", "=", "owner").orderBy("bot_id").execute();
  assert.deepEqual(owners, [
    { bot_id: "clinic", telegram_id: 700_002 },
    { bot_id: "salon", telegram_id: 700_001 },
  ]);
  const members = await app.database.db.selectFrom("bot_member").select("bot_id").where("telegram_id", "=", user.id).orderBy("bot_id").execute();
  assert.deepEqual(members.map((member) => member.bot_id), ["clinic", "salon"]);
});
