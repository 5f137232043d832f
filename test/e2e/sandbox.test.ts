import assert from "node:assert/strict";
import { test } from "node:test";
import type { EmulatorState } from "../../src/sandbox/control.ts";
import { AppProcess, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { freshPglite } from "../support/databases.ts";
import { eventually } from "../support/telegram-user.ts";

test("with no token the app runs the emulator, prints the Playground's URL and serves it", async (t) => {
  const database = await freshPglite(shippedMigrations);
  const app = new AppProcess({ ...database.env, PORT: "0" }, ["start"]);
  t.after(async () => {
    await app.kill();
    await database.drop();
  });
  const url = await app.url;
  await eventually(() => app.output.some((line) => line.includes(`Open the Playground: ${url}/playground`)), "the Playground line");
  const page = await fetch(`${url}/playground`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
  const state = (await (await fetch(`${url}/sandbox/control/state`)).json()) as EmulatorState;
  assert.equal(state.bots.length, 1);
  assert.ok(state.users.some((user) => user.first_name === "Owner"), "a simulated owner to try staff features with");
});

test("with a token the emulator is not there at all", async (t) => {
  const database = await freshPglite(shippedMigrations);
  const emulator = await startEmulator();
  const app = new AppProcess(appEnv(emulator.url, database));
  t.after(async () => {
    await app.kill();
    await emulator.close();
    await database.drop();
  });
  const url = await app.url;
  assert.equal((await fetch(`${url}/sandbox/control/state`)).status, 404);
  assert.ok(!app.output.some((line) => line.includes("Playground")));
});
