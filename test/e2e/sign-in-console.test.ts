/**
 * The first owner's way in, in sandbox mode: a one-time link printed on the console (never a
 * default password), which works once; and no login token ever reaches the app's log output.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { AppProcess, shippedMigrations } from "../support/app.ts";
import { freshPglite } from "../support/databases.ts";
import { eventually } from "../support/telegram-user.ts";
import { PanelClient, tokenOf } from "../modules/access/panel-client.ts";

const LINK_LINE = "Owner sign-in link (one use, 10 minutes): ";

test("sandbox mode prints the owner's one-time sign-in link after the ready line, and tokens stay out of the logs", async (t) => {
  const database = await freshPglite(shippedMigrations);
  const app = new AppProcess({ ...database.env, PORT: "0" }, ["start"]);
  t.after(async () => {
    await app.kill();
    await database.drop();
  });
  const url = await app.url;
  const line = await eventually(() => app.output.find((candidate) => candidate.startsWith(LINK_LINE)), "the sign-in link line");
  const ready = app.output.findIndex((candidate) => candidate.includes("Botyard is ready"));
  assert.ok(ready >= 0 && ready < app.output.indexOf(line), "printed after Botyard is ready");
  const link = line.slice(LINK_LINE.length);
  assert.ok(link.startsWith(`${url}/login#token=`));
  const token = tokenOf(link);

  const owner = new PanelClient(url);
  assert.equal((await fetch(link)).status, 200, "the page opens");
  assert.equal((await owner.redeem(token)).status, 200);
  const me = await owner.get<{ telegramId: number; roles: string[] }>("/api/me");
  assert.deepEqual(me.body.roles, ["owner"]);
  assert.equal((await new PanelClient(url).request("POST", "/api/auth/link", { token })).status, 410, "the link works once");
  // A request that fails loudly, with the token where a careless log line would carry it.
  assert.equal((await fetch(`${url}/api/nowhere?token=${token}`)).status, 404);

  await app.kill("SIGTERM");
  const carrying = app.output.filter((candidate) => candidate.includes(token));
  assert.deepEqual(carrying, [line], "the token appears only in the console line meant for the owner");
  assert.ok(!app.output.some((candidate) => /password/i.test(candidate)), "no default password anywhere");
});
