import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { AppProcess, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { freshPostgres, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

async function isLeader(url: string): Promise<boolean> {
  const body = (await (await fetch(`${url}/readyz`)).json()) as { telegram: { leader: boolean } };
  return body.telegram.leader;
}

describe("two replicas on one PostgreSQL database", { skip: process.env.TEST_DATABASE_URL === undefined ? "TEST_DATABASE_URL is not set" : false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  const apps: AppProcess[] = [];

  before(async () => {
    database = await freshPostgres(shippedMigrations);
    emulator = await startEmulator();
  });
  after(async () => {
    for (const app of apps) await app.kill();
    await emulator.close();
    await database.drop();
  });

  test("one leads, the other waits without a 409, and takes over when the leader is killed", async () => {
    const env = appEnv(emulator.url, database);
    apps.push(new AppProcess(env), new AppProcess(env));
    const urls = await Promise.all(apps.map((app) => app.url));
    const leaders = await eventually(async () => {
      const flags = await Promise.all(urls.map(isLeader));
      return flags.filter(Boolean).length === 1 ? flags : undefined;
    }, "exactly one leader");
    const leaderIndex = leaders.indexOf(true);
    const leader = apps[leaderIndex] as AppProcess;
    const followerUrl = urls[1 - leaderIndex] as string;

    const before = new TelegramUser(emulator.control, { first_name: "Sam", language_code: "en" });
    before.send("/help");
    await before.replyContaining("What I can do");

    await leader.kill("SIGKILL");
    const after = new TelegramUser(emulator.control, { first_name: "Tess", language_code: "en" });
    after.send("/help");
    await after.replyContaining("What I can do");
    assert.equal(await isLeader(followerUrl), true);
    assert.equal(emulator.control.stats().conflicts409, 0);
  });
});
