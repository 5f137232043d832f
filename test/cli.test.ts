import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../src/cli.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { shippedMigrations } from "./support/app.ts";
import { freshPglite, tempDir, type TestDatabase } from "./support/databases.ts";

const cliPath = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const lockModule = fileURLToPath(new URL("../src/platform/db/data-dir-lock.ts", import.meta.url));

/** The environment of a user who configured nothing but a data directory. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ...extra };
  for (const name of ["DATABASE_URL", "BOT_TOKEN", "BOTYARD_CONFIG", "PUBLIC_URL", "WEBHOOK_SECRET", "BOTYARD_TEST_CRASH_AT"]) delete env[name];
  return env;
}

/**
 * Runs `botyard <args>` in this process, as the command line would (`cli()` is what src/cli.ts
 * runs), with `env` for the environment: its exit code and what it printed. A child process would
 * add only its start-up; the cases that need one (a signal, another process's lock) start one.
 * Only strings are captured: the test runner's own reports to its parent are buffers, and pass.
 */
async function botyard(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const output = { stdout: "", stderr: "" };
  const savedEnv = process.env;
  const writes = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk !== "string") return (writes[stream] as (...args: unknown[]) => boolean)(chunk, ...rest);
      output[stream] += chunk;
      (rest.find((arg) => typeof arg === "function") as (() => void) | undefined)?.();
      return true;
    }) as typeof process.stdout.write;
  process.env = cleanEnv(env);
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  try {
    const code = await cli(args);
    return { code, ...output };
  } catch (error) {
    // What the command line's last resort prints: the stack, and exit 1.
    output.stderr += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
    return { code: 1, ...output };
  } finally {
    process.env = savedEnv;
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

async function botIds(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ kind: "pglite", dataDir });
  try {
    const rows = await database.db.selectFrom("bot").select("id").orderBy("id").execute();
    return rows.map((row) => row.id);
  } finally {
    await database.close();
  }
}

async function changeBots(dataDir: string, change: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<unknown>) {
  const database = await openDatabase({ kind: "pglite", dataDir });
  try {
    await change(database);
  } finally {
    await database.close();
  }
}

const newBot = (id: string) => ({ id, telegram_id: id.length, username: null, settings: JSON.stringify({}) });

describe("the botyard command", () => {
  let dir: string;
  const databases: TestDatabase[] = [];
  /** A data directory as `botyard migrate` leaves it (a copy of the run's template: the migrate test runs the command itself). */
  const migratedDataDir = async (): Promise<string> => {
    const database = await freshPglite(shippedMigrations);
    databases.push(database);
    return database.env.DATA_DIR!;
  };
  before(() => {
    dir = tempDir("botyard-cli-");
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const database of databases) await database.drop();
  });

  test("--help lists every command, and each command has its own --help", async () => {
    const overview = await botyard(["--help"]);
    assert.equal(overview.code, 0);
    for (const command of ["start", "migrate", "backup", "restore", "sandbox"]) {
      assert.match(overview.stdout, new RegExp(`^  ${command} `, "m"), `${command} is listed`);
      const help = await botyard([command, "--help"]);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`Usage: botyard ${command}`));
    }
  });

  test("an unknown command or option is named, with the usage, and exits 2", async () => {
    const unknown = await botyard(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    const option = await botyard(["migrate", "--force"]);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /--force/);
  });

  test("migrate on a fresh data directory applies every migration, and a second run applies none", async () => {
    const dataDir = join(dir, "fresh");
    const first = await botyard(["migrate"], { DATA_DIR: dataDir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /00_platform_0001_core/);
    const second = await botyard(["migrate"], { DATA_DIR: dataDir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /up to date/);
  });

  test("backup then restore brings back the rows as they were at the backup", async () => {
    const dataDir = await migratedDataDir();
    const backups = join(dir, "backups");
    await changeBots(dataDir, (database) => database.db.insertInto("bot").values([newBot("alpha"), newBot("beta")]).execute());

    const backup = await botyard(["backup", "--dir", backups], { DATA_DIR: dataDir });
    assert.equal(backup.code, 0, backup.stderr);
    const files = readdirSync(backups);
    assert.equal(files.length, 1);
    const file = join(backups, files[0] ?? "");
    assert.match(backup.stdout, new RegExp(`Backup written to ${file}`));

    await changeBots(dataDir, async (database) => {
      await database.db.deleteFrom("bot").where("id", "=", "alpha").execute();
      await database.db.insertInto("bot").values(newBot("gamma")).execute();
    });
    assert.deepEqual(await botIds(dataDir), ["beta", "gamma"]);

    const restore = await botyard(["restore", file], { DATA_DIR: dataDir });
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /The data it replaced is kept in /);
    assert.deepEqual(await botIds(dataDir), ["alpha", "beta"]);
  });

  test("a failed `botyard backup` alerts the bot's owners once; the next backup written tells them it recovered", async () => {
    const dataDir = await migratedDataDir();
    await changeBots(dataDir, async (database) => {
      const now = new Date();
      await database.db.insertInto("bot").values({ ...newBot("main"), settings: JSON.stringify({ timeZone: "UTC", languages: ["en", "ru"], modules: null }) }).execute();
      await database.db.insertInto("person").values({ telegram_id: 77, first_name: "Olga", last_name: null, username: null, language_code: "ru", created_at: now, updated_at: now }).execute();
      await database.db.insertInto("role").values({ bot_id: "main", telegram_id: 77, role: "owner", granted_by: null, granted_at: now }).execute();
    });
    const notADirectory = join(dir, "alerting-backups");
    writeFileSync(notADirectory, "a file where the backups should go");
    for (let run = 0; run < 2; run++) assert.equal((await botyard(["backup", "--dir", notADirectory], { DATA_DIR: dataDir })).code, 1);
    assert.equal((await botyard(["backup", "--dir", join(dir, "alerting-ok")], { DATA_DIR: dataDir })).code, 0);
    await changeBots(dataDir, async (database) => {
      const told = await database.db.selectFrom("outbox").select(["chat_id", "payload"]).orderBy("id").execute();
      assert.deepEqual(told.map((row) => row.chat_id), [77, 77], "one alert for two failed runs, then one recovery");
      assert.match(String(told[0]?.payload.text), /Резервная копия базы данных не создана/);
      assert.match(String(told[1]?.payload.text), /Резервное копирование снова работает/);
    });
  });

  test("restore without a file, or of a file that does not exist, says so without a stack trace", async () => {
    const missingArgument = await botyard(["restore"], { DATA_DIR: join(dir, "fresh") });
    assert.equal(missingArgument.code, 2);
    assert.match(missingArgument.stderr, /restore needs the backup file/);
    const missingFile = await botyard(["restore", join(dir, "nope.tar.gz")], { DATA_DIR: join(dir, "fresh") });
    assert.equal(missingFile.code, 1);
    assert.match(missingFile.stderr, /No backup at/);
    assert.doesNotMatch(missingFile.stderr, /\n\s+at /);
  });

  test("a bad environment is reported without a stack trace", async () => {
    const result = await botyard(["migrate"], { DATA_DIR: join(dir, "fresh"), PORT: "not-a-port" });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Invalid environment/);
    assert.match(result.stderr, /PORT/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test("migrate and backup against a data directory another live process holds exit 1 naming that process, without a stack trace", async () => {
    const dataDir = join(dir, "locked");
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { lockDataDir } from ${JSON.stringify(lockModule)};
         lockDataDir(${JSON.stringify(dataDir)});
         console.log("locked");
         setInterval(() => {}, 60_000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const lines = createInterface({ input: holder.stdout });
      for await (const line of lines) if (line === "locked") break;

      for (const args of [["migrate"], ["backup", "--dir", join(dir, "locked-backups")]]) {
        const result = await botyard(args, { DATA_DIR: dataDir });
        assert.equal(result.code, 1, `${args[0]} exits 1`);
        assert.match(result.stderr, new RegExp(`in use by another Botyard process \\(pid ${holder.pid}\\)`));
        assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
      }
    } finally {
      holder.kill("SIGKILL");
      await once(holder, "exit");
    }
  });

  test("start in sandbox mode stops on SIGTERM and exits 0", async () => {
    const child = spawn(process.execPath, [cliPath, "sandbox"], {
      env: cleanEnv({ DATA_DIR: await migratedDataDir(), PORT: "0", LOG_LEVEL: "info" }),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = once(child, "exit");
    const lines = createInterface({ input: child.stdout });
    let ready = false;
    for await (const line of lines) {
      if (line.includes("Botyard is ready")) {
        ready = true;
        break;
      }
    }
    assert.ok(ready, "the app started");
    child.kill("SIGTERM");
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, null);
    assert.equal(code, 0);
  });
});
