import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, describe, test } from "node:test";
import { createBotApiEmulator } from "../../src/sandbox/emulator.ts";
import { AppProcess, appEnv } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { eventually } from "../support/telegram-user.ts";

/** A token that does not look like one (no 20-character secret): only the configured value can hide it. */
const TOKEN = "4242:plainsecret";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

for (const kind of databaseKinds) {
  describe(`an unreachable Bot API on ${kind.name}`, { skip: kind.skip }, () => {
    const databases: TestDatabase[] = [];
    const running: AppProcess[] = [];
    after(async () => {
      for (const app of running) if (app.child.exitCode === null && app.child.signalCode === null) await app.kill("SIGKILL");
      for (const database of databases) await database.drop();
    });
    const start = async (apiRoot: string) => {
      const database = await kind.fresh();
      databases.push(database);
      const app = new AppProcess(appEnv(apiRoot, database, { BOT_TOKEN: TOKEN }));
      running.push(app);
      return app;
    };

    test("SIGTERM during start-up stops it while getMe keeps failing, and the token is in none of the output", async () => {
      const app = await start(`http://127.0.0.1:${await closedPort()}`);
      app.url.catch(() => undefined);
      await eventually(() => app.output.some((line) => line.includes("getMe failed; retrying")), "a failed getMe");
      const signalled = performance.now();
      app.child.kill("SIGTERM");
      const exit = await app.exited;
      const output = app.output.join("\n");
      assert.deepEqual(exit, { code: 0, signal: null }, output);
      assert.ok(performance.now() - signalled < 5_000, "it exits at once, not after getMe's next retry");
      assert.match(output, /"signal":"SIGTERM".*"msg":"stopping start-up"/);
      assert.match(output, /"msg":"start-up stopped; exiting"/);
      assert.doesNotMatch(output, /Botyard is ready/);
      assert.match(output, /bot\[redacted-token\]\/getMe failed/, "the network error is logged, its URL redacted");
      assert.ok(!output.includes("plainsecret"), output);
    });

    test("a Bot API that drops its connections mid-poll leaves the token out of the logs", async () => {
      const emulator = createBotApiEmulator();
      await emulator.listen(0, "127.0.0.1");
      emulator.control.registerBot({ token: TOKEN, username: "unreachable_test_bot", first_name: "Unreachable" });
      const app = await start(emulator.url);
      await app.url;
      await emulator.close();
      await eventually(() => app.output.filter((line) => line.includes("getUpdates failed")).length >= 2, "failed polls");
      await app.kill("SIGTERM");
      const output = app.output.join("\n");
      assert.match(output, /getUpdates/);
      assert.ok(!output.includes("plainsecret"), output);
    });
  });
}
